"""Word and PDF files made inside the tests.

The PDFs are written by hand, object by object: one with ASCII text in a standard font,
one with Chinese text in a Type0 font whose ToUnicode map takes each two-byte code to
the character of the same number (no font program is embedded: a viewer would show
boxes, but the text layer is real and is what pypdf reads), and one with no text at all.
"""

from __future__ import annotations

from pathlib import Path

import docx

ASCII_LINES = [
    "Lanchuan Chamber of Commerce meets member companies",
    "On 9 March the Lanchuan Chamber of Commerce held a symposium with twelve member",
    "companies. Chairwoman Zhen opened the meeting and the companies raised their questions.",
    "The chamber will hold a matchmaking fair in April.",
]
CJK_LINES = [
    "临川市工商联召开民营企业座谈会",
    "6月16日，临川市工商联在市民营经济服务中心召开民营企业座谈会，听取民营企",
    "业对优化营商环境的意见建议。市工商联主席甄某某主持会议。",
    "蔺某某表示，将于下月召开政企对接会。",
]


def _pdf(objects: list[bytes], title: str | None = None) -> bytes:
    """A PDF file of ``objects`` (numbered from 1; object 1 is the catalog), with its xref."""
    info = ""
    if title:
        objects = [*objects, b"<< /Title <FEFF" + title.encode("utf-16-be").hex().upper().encode() + b"> >>"]
        info = f" /Info {len(objects)} 0 R"
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R{info} >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _stream(data: bytes) -> bytes:
    return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def _page_objects(content: bytes, font: bytes) -> list[bytes]:
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        _stream(content),
        font,
    ]


def _lines(shows: list[bytes]) -> bytes:
    return b"BT /F1 11 Tf 14 TL 56 780 Td " + b" T* ".join(shows) + b" ET"


def ascii_pdf(lines: list[str] = ASCII_LINES) -> bytes:
    shows = [b"(" + line.encode("ascii") + b") Tj" for line in lines]
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    return _pdf(_page_objects(_lines(shows), font))


def cjk_pdf(lines: list[str] = CJK_LINES, title: str | None = None) -> bytes:
    shows = [b"<" + line.encode("utf-16-be").hex().upper().encode() + b"> Tj" for line in lines]
    chars = sorted({c for line in lines for c in line})
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        f"{len(chars)} beginbfchar\n"
        + "".join(f"<{ord(c):04X}> <{ord(c):04X}>\n" for c in chars)
        + "endbfchar\nendcmap CMapName currentdict /CMap defineresource pop end end"
    ).encode("ascii")
    objects = _page_objects(
        _lines(shows),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /InventedSong /Encoding /Identity-H"
        b" /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
    )
    objects += [
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /InventedSong /DW 1000"
        b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 8 0 R >>",
        _stream(cmap),
        b"<< /Type /FontDescriptor /FontName /InventedSong /Flags 4 /FontBBox [0 -120 1000 880]"
        b" /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>",
    ]
    return _pdf(objects, title)


def textless_pdf() -> bytes:
    """A page that only draws (a scan has no text layer either)."""
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    return _pdf(_page_objects(b"0 0 1 rg 56 600 400 150 re f", font))


def make_docx(path: Path) -> Path:
    """A meeting notice: title, paragraphs, and a table of participants with a merged cell."""
    document = docx.Document()
    document.core_properties.title = "青禾县商会会长办公会纪要"
    document.add_heading("青禾县商会召开会长办公会", level=1)
    document.add_paragraph("3月9日，青禾县商会召开会长办公会，会长甄某某主持会议，研究部署2021年重点工作。")
    table = document.add_table(rows=3, cols=3)
    for row, cells in zip(table.rows, [("姓名", "单位", "职务"), ("甄某某", "青禾县商会", "会长"), ("蔺某某", "堃元科技", "董事长")]):
        for cell, text in zip(row.cells, cells):
            cell.text = text
    merged = table.add_row().cells
    merged[0].merge(merged[2]).text = "列席：秘书处"
    document.add_paragraph("会议决定，商会将于4月组织会员企业赴临川市考察。")
    document.save(path)
    return path
