"""One image of every page at both widths, for a reviewer to glance at: a grid of thumbnails of the
full-page screenshots, each page's name and the width under its pair."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

DESKTOP_THUMB, PHONE_THUMB = 320, 150  # thumbnail widths (px) of the 1280 and 390 px screenshots
MAX_HEIGHT = 1400  # longer pages are cut here, and the label says so
PAD, COLUMNS, LABEL = 16, 5, 44


def screenshot_name(page: str, width: int) -> str:
    """The file name of a page's screenshot (``page``: its path in the site, ``width``: CSS px)."""
    return f"{page.replace('/', '_').removesuffix('.html')}-{width}.png"


def _thumbnail(path: Path, width: int) -> tuple[Image.Image, bool]:
    with Image.open(path) as shot:
        image = shot.convert("RGB")
    height = round(image.height * width / image.width)
    image = image.resize((width, height), Image.LANCZOS)
    if height > MAX_HEIGHT:
        return image.crop((0, 0, width, MAX_HEIGHT)), True
    return image, False


def contact_sheet(shots: Path, pages: list[str], widths: tuple[int, int], out: Path) -> Path:
    """Write to ``out`` a PNG of the screenshots in ``shots`` of each of ``pages`` at the two
    ``widths`` (desktop first), named as ``screenshot_name`` says. Returns ``out``."""
    font = ImageFont.load_default(size=15)
    bold = ImageFont.load_default(size=18)
    cells = [(page, *_thumbnail(shots / screenshot_name(page, widths[0]), DESKTOP_THUMB),
              *_thumbnail(shots / screenshot_name(page, widths[1]), PHONE_THUMB)) for page in pages]
    cell_width = DESKTOP_THUMB + PAD + PHONE_THUMB
    cell_height = max(max(c[1].height, c[3].height) for c in cells) + LABEL
    rows = -(-len(cells) // COLUMNS)
    sheet = Image.new("RGB", (PAD + COLUMNS * (cell_width + PAD), PAD + rows * (cell_height + PAD)), "white")
    draw = ImageDraw.Draw(sheet)
    for index, (page, desktop, desktop_cut, phone, phone_cut) in enumerate(cells):
        x = PAD + (index % COLUMNS) * (cell_width + PAD)
        y = PAD + (index // COLUMNS) * (cell_height + PAD)
        for image, cut, dx, width in ((desktop, desktop_cut, 0, widths[0]),
                                      (phone, phone_cut, DESKTOP_THUMB + PAD, widths[1])):
            sheet.paste(image, (x + dx, y))
            draw.rectangle((x + dx - 1, y - 1, x + dx + image.width, y + image.height), outline="#999999")
            draw.text((x + dx, y + image.height + 4), f"{width} px" + (", cut" if cut else ""),
                      fill="#555555", font=font)
        bottom = y + max(desktop.height, phone.height)
        draw.text((x, bottom + 22), page, fill="black", font=bold)
    out.parent.mkdir(parents=True, exist_ok=True)
    sheet.save(out, optimize=True)
    return out
