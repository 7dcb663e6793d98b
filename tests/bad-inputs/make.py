#!/usr/bin/env python3
"""Generate the synthetic files of tests/bad-inputs/ (run from anywhere: python3 make.py).

Every file is small (<= 200 KB) and deterministic (fixed zip timestamps, no randomness), so
rerunning this script reproduces the committed bytes. `encrypted-user-password.pdf` is not
made here (it comes from `cargo xtask fixtures pdf`). Truncated files are cut from fixtures.
"""
import io
import os
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))


def write(name, data):
    assert len(data) <= 200 * 1024, (name, len(data))
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


def pdf(objects, trailer_extra=b"", root=1, xref=True):
    """A classic PDF: objects is a list of bodies (bytes), numbered from 1."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % (i + 1) + body + b"\nendobj\n"
    start = len(out)
    if xref:
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
        for off in offsets:
            out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, root, trailer_extra, start)
    return bytes(out)


def stream(data, filters=b""):
    head = b"<< /Length %d %s>>\nstream\n" % (len(data), filters)
    return head + data + b"\nendstream"


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def one_page(content_ref=b"4 0 R", resources=b"<< /Font << /F1 5 0 R >> >>", extra=()):
    """Catalog, Pages, Page (objects 1-3); the caller supplies object 4 onwards."""
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources " + resources
        + b" /Contents " + content_ref + b" >>",
    ]


def flate_bomb(size, rounds):
    """`size` bytes of spaces (valid, empty content), Flate-compressed `rounds` times."""
    data = b" " * size
    for _ in range(rounds):
        data = zlib.compress(data, 9)
    return data


def main():
    # --- PDF ---------------------------------------------------------------------------
    write("zero-bytes.pdf", b"")
    write("text-named.pdf", "これはPDFではありません。plain text named .pdf\n".encode("utf-8"))
    write("header-then-garbage.pdf", b"%PDF-1.7\n" + bytes((i * 37 + 11) % 256 for i in range(4096)))
    src = open(os.path.join(ROOT, "fixtures/pdf/fonts/mixed-latin-japanese.pdf"), "rb").read()
    write("truncated.pdf", src[: len(src) * 2 // 5])

    # One content stream that inflates to 80 MiB (> the 64 MiB default stream limit): spaces,
    # deflated twice so the file stays under 1 KB.
    bomb = flate_bomb(80 << 20, 2)
    objs = one_page() + [stream(bomb, b"/Filter [/FlateDecode /FlateDecode] "), FONT]
    write("flate-bomb-stream.pdf", pdf(objs))

    # Per-file bomb: one 48 MiB stream (under the stream limit) used as 12 content streams of
    # the page: 576 MiB decoded in all (> the 512 MiB default per file).
    bomb = flate_bomb(48 << 20, 2)
    objs = one_page(content_ref=b"[" + b"4 0 R " * 12 + b"]") + [
        stream(bomb, b"/Filter [/FlateDecode /FlateDecode] "), FONT]
    write("flate-bomb-file.pdf", pdf(objs))

    # 10,000 nested arrays as an object of the file (in the page's /Annots).
    deep = b"[" * 10000 + b"]" * 10000
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R /Annots 6 0 R >>",
        stream(b"BT /F1 12 Tf 72 700 Td (deep) Tj ET"),
        FONT,
        deep,
    ]
    write("deep-nested-arrays.pdf", pdf(objs))

    # 10,000 nested arrays inside the page's content stream.
    content = b"BT /F1 12 Tf 72 700 Td (x) Tj ET " + b"[" * 10000 + b"]" * 10000 + b" Tj"
    objs = one_page() + [stream(content), FONT]
    write("deep-nested-content.pdf", pdf(objs))

    # A Form XObject that draws itself.
    objs = one_page(resources=b"<< /Font << /F1 5 0 R >> /XObject << /X0 6 0 R >> >>") + [
        stream(b"BT /F1 12 Tf 72 700 Td (page) Tj ET /X0 Do"),
        FONT,
        stream(b"BT /F1 10 Tf 0 0 Td (form) Tj ET /X0 Do",
               b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] "
               b"/Resources << /Font << /F1 5 0 R >> /XObject << /X0 6 0 R >> >> "),
    ]
    write("form-xobject-self-reference.pdf", pdf(objs))

    # Page tree whose /Kids holds the Pages node itself (and the page).
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        stream(b"BT /F1 12 Tf 72 700 Td (kids loop) Tj ET"),
        FONT,
    ]
    write("page-tree-self-kids.pdf", pdf(objs))

    # Two xref sections whose /Prev point at each other (and an xref stream-less loop).
    objs = one_page() + [stream(b"BT /F1 12 Tf 72 700 Td (xref loop) Tj ET"), FONT]
    body = bytearray(b"%PDF-1.7\n")
    offsets = []
    for i, o in enumerate(objs):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % (i + 1) + o + b"\nendobj\n"
    x1 = len(body)
    # The first section's /Prev is filled with the second section's offset, and vice versa.
    def section(prev):
        s = b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
        s += b"".join(b"%010d 00000 n \n" % off for off in offsets)
        return s + b"trailer\n<< /Size %d /Root 1 0 R /Prev %010d >>\n" % (len(objs) + 1, prev)
    probe = section(0)
    x2 = x1 + len(probe)
    body += section(x2) + section(x1)
    body += b"startxref\n%d\n%%%%EOF\n" % x2
    write("xref-prev-loop.pdf", bytes(body))

    # --- spreadsheets ------------------------------------------------------------------
    write("text-named.xlsx", b"just some text, named .xlsx\n")
    src = open(os.path.join(ROOT, "fixtures/minamialps/minamialps_jisshikeikaku.xlsx"), "rb").read()
    write("truncated.xlsx", src[: len(src) // 2])

    # A PNG (1x1, valid) named .csv.
    png = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
           b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84"
           b"\x00\x00\x00\x00IEND\xaeB`\x82")
    write("png-named.csv", png)

    # CP932 text with bytes that are no CP932 (0x80, 0xA0, 0xFD-0xFF lead bytes, a lead byte
    # followed by an invalid trail byte).
    good = "番号,取組項目,目標\r\n1,窓口業務の効率化,10件\r\n".encode("cp932")
    write("invalid-cp932.csv", good + b"2,\x81\x20\xfd\xfe\xff\x80\xa0,\x82\x7f\r\n")

    def xlsx(sheet_xml, shared=None, extra=None):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
            def add(name, data):
                info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(info, data, compresslevel=9)
            add("[Content_Types].xml",
                '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                '<Default Extension="xml" ContentType="application/xml"/>'
                '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                + ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' if shared is not None else "")
                + '</Types>')
            add("_rels/.rels",
                '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
            add("xl/workbook.xml",
                '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
                '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
            add("xl/_rels/workbook.xml.rels",
                '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
                + ('<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>' if shared is not None else "")
                + '</Relationships>')
            add("xl/worksheets/sheet1.xml", sheet_xml)
            if shared is not None:
                add("xl/sharedStrings.xml", shared)
        return buf.getvalue()

    head = b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    tail = b"</sheetData></worksheet>"
    # Zip bomb: sharedStrings.xml inflates to 180 MiB: one string of 180 Mi letters `a`.
    shared = (b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
              + b"<si><t>" + b"a" * (180 << 20) + b"</t></si></sst>")
    sheet = head + b'<row r="1"><c r="A1" t="s"><v>0</v></c></row>' + tail
    write("zip-bomb-shared-strings.xlsx", xlsx(sheet, shared))
    del shared

    # Huge sheet: 2,100,000 numeric cells (over the 2,000,000 default), rows of 1,000 cells
    # without explicit references; inflates to ~44 MB.
    row = b"<row>" + b"<c><v>1</v></c>" * 1000 + b"</row>"
    sheet = head + row * 2100 + tail
    write("huge-sheet-2m-cells.xlsx", xlsx(sheet))


if __name__ == "__main__":
    main()
