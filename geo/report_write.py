"""Writing the briefing: PDF (all pages) or PNG (page 1 to FILE.png, the following pages to FILE-2.png,
FILE-3.png ...).

Python API (the app's "导出简报" button): ``render_report(catalog, filters, out_path, title=None, dpi=200)``.

Every file is written to a temporary file in the same folder and moved into place with os.replace, so a
failed export leaves nothing behind (and no half-written file over an older one).

Fonts: Noto Sans SC (geo.fonts). In the PDF the glyphs used are embedded as a TrueType subset (Type 42,
made with fontTools from the CFF font; Type 3 if that conversion fails), so the text is searchable and
``pdffonts`` lists NotoSansSC as embedded. PNG pages are drawn from the font file directly.

Pages are private matplotlib Figures (no pyplot); one export runs at a time per process because rcParams
are global.
"""

from __future__ import annotations

import os
import tempfile
import threading
from contextlib import suppress
from pathlib import Path

from geo import LAYERS_DIR
from geo.cli import UserError
from geo.report_pages import page_figures, plan_table
from geo.report_select import Selection, select

DEFAULT_DPI = 200
MIN_DPI, MAX_DPI = 72, 600

# One export at a time per process: the pages are private Figures (no pyplot), but matplotlib's rcParams
# are global, and rc_context is not thread-safe; the app may run two sessions' exports at once.
_RENDER_LOCK = threading.RLock()


def check_out(out_path, suffixes=(".pdf", ".png")) -> tuple[Path, str]:
    """The output path and its suffix; UserError for a wrong suffix or a folder that cannot hold it."""
    out = Path(out_path).expanduser()
    suffix = out.suffix.lower()
    if suffix not in suffixes:
        raise UserError(
            f"--out {out}: the file name must end in {', '.join(suffixes[:-1])} or {suffixes[-1]}"
        )
    if out.is_dir():
        raise UserError(f"cannot write {out}: it is a folder")
    parent = out.parent
    if not parent.exists():
        try:
            parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError(
                f"cannot write {out}: cannot create the folder {parent} ({exc.strerror or exc})"
            ) from None
    if not parent.is_dir():
        raise UserError(f"cannot write {out}: {parent} is not a folder")
    return out, suffix


def _temp_in(folder: Path, name: str) -> Path:
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
    except OSError as exc:
        raise UserError(f"cannot write into {folder}: {exc.strerror or exc}") from None
    os.close(fd)
    return Path(tmp)


def png_paths(out: Path, pages: int) -> list[Path]:
    """FILE.png for page 1, FILE-2.png, FILE-3.png ... for the following pages."""
    return [out] + [out.with_name(f"{out.stem}-{i}{out.suffix}") for i in range(2, pages + 1)]


def render_report(
    catalog,
    filters=None,
    out_path=None,
    title: str | None = None,
    dpi: int = DEFAULT_DPI,
    *,
    map_only: bool = False,
    layers_dir: Path | str = LAYERS_DIR,
) -> Path:
    """Render the briefing for the projects that pass `filters` (a geo.catalog_filters.Filters, or None for all).

    ``catalog``: a geo.catalog.Catalog or a catalog folder. ``out_path``: FILE.pdf (all pages) or FILE.png
    (page 1 at ``dpi``; following pages as FILE-2.png ...). ``map_only``: only page 1 (the map with its
    legend and notes). Returns the path written (page 1 for PNG).
    Raises UserError (nothing written) when no project matches, the output cannot be written, or the font
    or layers are missing."""
    return render_files(catalog, filters, out_path, title, dpi, map_only=map_only, layers_dir=layers_dir)[0]


def render_files(
    catalog,
    filters=None,
    out_path=None,
    title: str | None = None,
    dpi: int = DEFAULT_DPI,
    *,
    map_only: bool = False,
    layers_dir: Path | str = LAYERS_DIR,
) -> list[Path]:
    """As :func:`render_report`, returning every file written (one PDF, or one PNG per page)."""
    return _render(catalog, filters, out_path, title, dpi, map_only, Path(layers_dir))


def _render(catalog, filters, out_path, title, dpi, map_only, layers_dir) -> list[Path]:
    if out_path is None:
        raise UserError("no output file given")
    out, suffix = check_out(out_path)
    try:
        dpi = int(dpi)
    except (TypeError, ValueError):
        raise UserError(f"dpi {dpi!r} is not a number") from None
    if not MIN_DPI <= dpi <= MAX_DPI:
        raise UserError(f"dpi {dpi} is out of range ({MIN_DPI}-{MAX_DPI})")
    if not hasattr(catalog, "projects"):
        from geo.catalog import load_catalog

        catalog = load_catalog(catalog)
    from geo import fonts

    rc = fonts.matplotlib_rc()
    sel = select(catalog, filters, title)
    _warn_missing_glyphs(sel)
    with _RENDER_LOCK:
        return _render_locked(sel, out, suffix, dpi, map_only, Path(layers_dir), rc)


def _write_pdf(sel: Selection, figs, out: Path, rc: dict, temps: list[Path]) -> list[tuple[Path, Path]]:
    import matplotlib
    from matplotlib.backends.backend_pdf import PdfPages

    figs = list(figs)
    pdf_rc = _truetype_rc(figs, rc)
    tmp = _temp_in(out.parent, out.name)
    temps.append(tmp)
    metadata = {
        "Title": sel.title,
        "Subject": sel.subtitle,
        "Creator": "shandong-carbon-map (python -m geo report)",
    }
    with matplotlib.rc_context(pdf_rc), PdfPages(tmp, metadata=metadata) as pdf:
        for fig in figs:
            pdf.savefig(fig)
    return [(tmp, out)]


def _write_pngs(figs, out: Path, pages: int, dpi: int, temps: list[Path]) -> list[tuple[Path, Path]]:
    targets = []
    for fig, final in zip(figs, png_paths(out, pages), strict=True):
        tmp = _temp_in(out.parent, final.name)
        temps.append(tmp)
        try:
            fig.savefig(tmp, dpi=dpi, format="png", facecolor="white")
        except OSError as exc:
            raise UserError(f"cannot write {final}: {exc.strerror or exc}") from None
        targets.append((tmp, final))
    return targets


def _move_into_place(targets) -> None:
    """Give the temp files the mode a new file would have (mkstemp makes them 0600) and rename them."""
    umask = os.umask(0)
    os.umask(umask)
    for tmp, final in targets:
        try:
            os.chmod(tmp, 0o666 & ~umask)
            os.replace(tmp, final)
        except OSError as exc:
            raise UserError(f"cannot write {final}: {exc.strerror or exc}") from None


def _render_locked(sel, out, suffix, dpi, map_only, layers_dir, rc) -> list[Path]:
    import matplotlib

    temps: list[Path] = []
    try:
        with matplotlib.rc_context(rc):
            laid_pages = [] if map_only else plan_table(sel)
            pages = 1 if map_only else 2 + len(laid_pages)
            figs = page_figures(sel, layers_dir, laid_pages, pages)
            if suffix == ".pdf":
                targets = _write_pdf(sel, figs, out, rc, temps)
            else:
                targets = _write_pngs(figs, out, pages, dpi, temps)
        _move_into_place(targets)
    except BaseException:
        for tmp in temps:
            with suppress(OSError):
                tmp.unlink()
        raise
    return [final for _, final in targets]


def _truetype_rc(figs, rc: dict) -> dict:
    """Switch the pages' CJK text to a TrueType-outline subset of the font, embedded as Type 42; rcParams
    for saving. Falls back (with a warning) to Type 3 when the conversion fails."""
    import warnings

    from matplotlib.text import Text

    from geo import fonts

    if rc.get("pdf.fonttype") == 42:
        return {}
    family = list(rc["font.family"])
    texts = [t for fig in figs for t in fig.findobj(Text) if t.get_text()]
    try:
        tt = fonts.truetype_subset("".join(t.get_text() for t in texts))
    except Exception as exc:  # a font the converter cannot handle: Type 3 still embeds it correctly
        warnings.warn(f"embedding the CJK font as Type 3 ({type(exc).__name__}: {exc})", stacklevel=5)
        return {}
    if tt is None:
        return {}
    for t in texts:
        current = t.get_fontfamily()
        if current and current[0] == family[0]:
            t.set_fontfamily([tt, *current[1:]])
    return {"pdf.fonttype": 42, "font.family": [tt, *family[1:]]}


def _warn_missing_glyphs(sel: Selection) -> None:
    """Warn (stderr) about characters of the plans that the CJK font cannot draw (rare CJK extensions)."""
    import warnings

    from geo import fonts

    p = sel.projects
    parts = [sel.title, sel.subtitle, *(s.get("title") or "" for s in sel.sources)]
    for col in ("name", "city", "county", "township", "capacity_text"):
        parts.extend(str(v) for v in p[col].dropna())
    parts.extend(u for units in p["responsible_units"] for u in units)
    missing = fonts.missing_glyphs("".join(parts))
    if missing:
        chars = "".join(sorted(missing))
        warnings.warn(
            f"the CJK font has no glyph for {chars!r}; these characters are drawn by a fallback font",
            stacklevel=3,
        )
