#!/usr/bin/env python3
"""Writes the attachment fixtures of tests/checks/attachment_text_test.cc.

Run from this directory: python3 make_fixtures.py. The files are committed; this script says how
they were made. ID numbers are synthetic (check characters computed for the test)."""
import zipfile

ID = "450103199001011238"  # synthetic, valid GB 11643 check character

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
{overrides}
</Types>"""


def write_zip(name, parts):
    # Fixed timestamps keep the committed bytes reproducible.
    with zipfile.ZipFile(name, "w", zipfile.ZIP_DEFLATED) as z:
        for part, text in parts.items():
            info = zipfile.ZipInfo(part, date_time=(2025, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))


def docx(name, paragraphs, header=None):
    body = "".join(
        '<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>' % p for p in paragraphs)
    parts = {
        "[Content_Types].xml": CONTENT_TYPES.format(overrides=
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'),
        "word/document.xml":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            '<w:body>%s<w:tbl><w:tr><w:tc><w:p><w:r><w:t>表格</w:t></w:r><w:r><w:tab/><w:t>单元</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>' % body,
    }
    if header:
        parts["word/header1.xml"] = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            '<w:p><w:r><w:t>%s</w:t></w:r></w:p></w:hdr>' % header)
    write_zip(name, parts)


def xlsx(name, rows):
    shared = []
    def cell(ref, value):
        if isinstance(value, int):
            return '<c r="%s"><v>%d</v></c>' % (ref, value)
        if value.startswith("inline:"):
            return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, value[7:])
        shared.append(value)
        return '<c r="%s" t="s"><v>%d</v></c>' % (ref, len(shared) - 1)
    sheet_rows = []
    for r, row in enumerate(rows, 1):
        cells = "".join(cell("%s%d" % ("ABCDEFG"[c], r), v) for c, v in enumerate(row))
        sheet_rows.append('<row r="%d">%s</row>' % (r, cells))
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    parts = {
        "[Content_Types].xml": CONTENT_TYPES.format(overrides=""),
        "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?><workbook %s><sheets><sheet name="名单" sheetId="1"/></sheets></workbook>' % ns,
        "xl/worksheets/sheet1.xml": '<?xml version="1.0" encoding="UTF-8"?><worksheet %s><sheetData>%s</sheetData></worksheet>' % (ns, "".join(sheet_rows)),
        "xl/sharedStrings.xml": '<?xml version="1.0" encoding="UTF-8"?><sst %s count="%d">%s</sst>' % (
            ns, len(shared), "".join("<si><t>%s</t></si>" % s for s in shared)),
    }
    write_zip(name, parts)


def pdf(name, lines):
    # A one-page PDF with a Helvetica text stream; offsets in the xref table are computed.
    stream = "BT /F1 12 Tf 72 720 Td 14 TL " + " ".join("(%s) '" % l for l in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        "<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = "%PDF-1.4\n"
    offsets = []
    for i, o in enumerate(objects, 1):
        offsets.append(len(out))
        out += "%d 0 obj\n%s\nendobj\n" % (i, o)
    xref = len(out)
    out += "xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += "".join("%010d 00000 n \n" % o for o in offsets)
    out += "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    open(name, "w", encoding="latin-1").write(out)


docx("notice.docx", ["关于公布补贴名单的通知", "请各单位认真落实。"], header="青禾县人民政府办公室")
docx("leak.docx", ["申请人：王某", "身份证号：" + ID], header="内部资料")
xlsx("clean.xlsx", [["姓名", "村组", "金额"], ["王某", "一组", 1200], ["inline:李某", "二组", 800]])
xlsx("ids.xlsx", [["姓名", "身份证号", "金额"], ["王某", ID, 1200]])
xlsx("ids-as-number.xlsx", [["姓名", "身份证号"], ["王某", 450103199001011230 // 10 * 10 + 8]])
pdf("clean.pdf", ["Qinghe County notice", "Subsidy list published 2025-03-10"])
pdf("ids.pdf", ["Applicant ID " + ID])
open("ids.csv", "wb").write(("姓名,身份证号\n王某," + ID + "\n").encode("gb18030"))
open("notice.txt", "w", encoding="utf-8").write("通知\n网上赌博危害大。\n")
open("old.xls", "wb").write(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 56)
open("broken.docx", "wb").write(b"PK\x03\x04 not really a zip")
