/* test_wim_info.c: unit tests for the WIM reader (wim_info.h, wim_xml.h) by the format as
 * wimlib documents and writes it: synthetic headers and XML for every refusal (not a WIM,
 * unknown version, solid/LZMS, split part, being written, resource-only, no image, boot
 * index out of range, XML outside the file or compressed, unreadable or not well formed
 * XML), the picking of an image by index and architecture, and real WIMs made by
 * wimlib-imagex here (captured, XML properties set, split) read back. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "tmptree.h"
#include "wim_info.h"
#include "wim_xml.h"

#define XML_AT 208

static void put32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

/* A header as wimlib writes one: LZX, one part, count images, boot index, XML at 208. */
static void make_header(uint8_t h[PXB_WIM_HEADER_SIZE], uint32_t count, uint32_t boot,
                        uint32_t xml_size)
{
    memset(h, 0, PXB_WIM_HEADER_SIZE);
    memcpy(h, "MSWIM\0\0\0", 8);
    put32(h + 8, 208);
    put32(h + 12, 0x10d00);
    put32(h + 16, 0x40082);
    put32(h + 20, 32768);
    h[40] = 1;
    h[42] = 1;
    put32(h + 44, count);
    put32(h + 72, xml_size);
    h[79] = 0x02;
    put32(h + 80, XML_AT);
    put32(h + 88, xml_size);
    put32(h + 120, boot);
}

/* text (ASCII) as the XML resource: byte-order mark, UTF-16LE. Returns its length. */
static size_t make_xml(const char *text, uint8_t *out, size_t out_len)
{
    size_t n = strlen(text);
    assert_true(2 + 2 * n <= out_len);
    out[0] = 0xff;
    out[1] = 0xfe;
    for (size_t i = 0; i < n; i++) {
        out[2 + 2 * i] = (uint8_t)text[i];
        out[3 + 2 * i] = 0;
    }
    return 2 + 2 * n;
}

/* A call that failed (rc -1) with err saying words. */
static void expect_says(int rc, const pxb_error *err, const char *words)
{
    assert_int_equal(rc, -1);
    if (strstr(err->text, words) == NULL)
        fail_msg("'%s' does not say '%s'", err->text, words);
}

static void expect_header_error(const uint8_t *h, uint64_t file_size, const char *words)
{
    pxb_wim_header hdr;
    pxb_error err;
    pxb_error_clear(&err);
    expect_says(pxb_wim_header_read(h, PXB_WIM_HEADER_SIZE, file_size, &hdr, &err), &err,
                words);
}

static void test_header_good(void **state)
{
    uint8_t h[PXB_WIM_HEADER_SIZE];
    pxb_wim_header hdr;
    (void)state;
    make_header(h, 2, 1, 100);
    assert_int_equal(pxb_wim_header_read(h, sizeof h, 1000, &hdr, NULL), 0);
    assert_int_equal(hdr.version, 0x10d00);
    assert_int_equal(hdr.compression, PXB_WIM_LZX);
    assert_int_equal(hdr.image_count, 2);
    assert_int_equal(hdr.boot_index, 1);
    assert_int_equal(hdr.part, 1);
    assert_int_equal(hdr.total_parts, 1);
    assert_int_equal(hdr.xml.offset, XML_AT);
    assert_int_equal(hdr.xml.size, 100);
    put32(h + 16, 0x20082);
    assert_int_equal(pxb_wim_header_read(h, sizeof h, 1000, &hdr, NULL), 0);
    assert_int_equal(hdr.compression, PXB_WIM_XPRESS);
    put32(h + 16, 0x80);
    assert_int_equal(pxb_wim_header_read(h, sizeof h, 1000, &hdr, NULL), 0);
    assert_int_equal(hdr.compression, PXB_WIM_NONE);
}

/* One field of a header as wimlib writes one set to a value, and the refusal it brings. */
static const struct {
    size_t offset;
    uint32_t value;
    const char *words;
} FIELD_REFUSALS[] = {
    {0, 0x57534d58, "not a WIM"},                         /* "XMSW..." */
    {8, 200, "header of 200 bytes"},
    {12, 0x10b00, "unknown WIM version 0x10b00"},
    {12, 0xe00, "solid WIM"},
    {16, 0x80082, "LZMS"},
    {16, 0x200082, "unknown compression"},                /* XPRESS_2 */
    {16, 0x60082, "unknown compression"},                 /* LZX and XPRESS at once */
    {16, 0x4008a, "split WIM"},                           /* SPANNED */
    {40, 0x00030001, "part 1 of 3"},                      /* part 1, total parts 3 */
    {16, 0x400c2, "still being written"},                 /* WRITE_IN_PROGRESS */
    {16, 0x40092, "only resources"},                      /* RESOURCE_ONLY */
    {16, 0x400a2, "only metadata"},                       /* METADATA_ONLY */
    {44, 0, "holds no image"},
    {120, 2, "boot index 2 is out of range"},
};

static void test_header_refusals(void **state)
{
    uint8_t h[PXB_WIM_HEADER_SIZE];
    pxb_wim_header hdr;
    (void)state;
    make_header(h, 1, 1, 100);
    assert_int_equal(pxb_wim_header_read(h, 100, 1000, &hdr, NULL), -1);
    for (size_t i = 0; i < sizeof FIELD_REFUSALS / sizeof FIELD_REFUSALS[0]; i++) {
        make_header(h, 1, 1, 100);
        put32(h + FIELD_REFUSALS[i].offset, FIELD_REFUSALS[i].value);
        expect_header_error(h, 1000, FIELD_REFUSALS[i].words);
    }
}

static void test_header_xml_resource(void **state)
{
    uint8_t h[PXB_WIM_HEADER_SIZE];
    pxb_wim_header hdr;
    (void)state;
    make_header(h, 1, 1, 100);
    assert_int_equal(pxb_wim_header_read(h, sizeof h, 308, &hdr, NULL), 0);
    expect_header_error(h, 307, "beyond the end of the file");
    put32(h + 80, 0xffffffff);
    put32(h + 84, 0xffffffff);
    expect_header_error(h, 1000, "beyond the end");
    make_header(h, 1, 1, 0);
    expect_header_error(h, 1000, "no XML metadata");
    make_header(h, 1, 1, 100);
    h[79] = 0x06;
    expect_header_error(h, 1000, "stored compressed");
    make_header(h, 1, 1, (uint32_t)PXB_WIM_XML_MAX + 2);
    expect_header_error(h, (uint64_t)1 << 30, "more than");
}

#define PE_XML                                                                             \
    "<WIM><TOTALBYTES>9</TOTALBYTES><IMAGE INDEX=\"1\"><NAME>Microsoft Windows PE "       \
    "(amd64) &amp; more</NAME><!-- a > comment --><DESCRIPTION/><WINDOWS><ARCH>9</ARCH>"  \
    "<LANGUAGES><LANGUAGE>en-US</LANGUAGE></LANGUAGES><VERSION><MAJOR>10</MAJOR><MINOR>0" \
    "</MINOR><BUILD>26100</BUILD><SPBUILD>1</SPBUILD></VERSION></WINDOWS></IMAGE>"         \
    "<IMAGE INDEX=\"2\"><NAME>Setup</NAME><WINDOWS><ARCH>12</ARCH></WINDOWS></IMAGE>"      \
    "<IMAGE INDEX=\"3\"><NAME>Bare</NAME></IMAGE></WIM>"

static void read_xml(const char *text, pxb_wim_xml *xml)
{
    uint8_t buf[4096];
    size_t n = make_xml(text, buf, sizeof buf);
    pxb_error err;
    if (pxb_wim_xml_read(buf, n, xml, &err) != 0)
        fail_msg("%s", err.text);
}

static void test_xml_images(void **state)
{
    pxb_wim_xml xml;
    (void)state;
    read_xml(PE_XML, &xml);
    assert_int_equal(xml.count, 3);
    assert_int_equal(xml.images[0].index, 1);
    assert_string_equal(xml.images[0].name, "Microsoft Windows PE (amd64) & more");
    assert_int_equal(xml.images[0].arch, PXB_WIM_ARCH_X64);
    assert_string_equal(xml.images[0].version, "10.0.26100.1");
    assert_string_equal(xml.images[1].name, "Setup");
    assert_int_equal(xml.images[1].arch, PXB_WIM_ARCH_ARM64);
    assert_string_equal(xml.images[1].version, "");
    assert_int_equal(xml.images[2].arch, PXB_WIM_ARCH_NONE);
}

static void test_xml_utf16(void **state)
{
    /* "<WIM><IMAGE INDEX="1"><NAME>é😀</NAME></IMAGE></WIM>" in UTF-16LE. */
    const char *pre = "<WIM><IMAGE INDEX=\"1\"><NAME>", *post = "</NAME></IMAGE></WIM>";
    uint8_t buf[256];
    size_t n = make_xml(pre, buf, sizeof buf);
    const uint8_t units[] = {0xe9, 0x00, 0x3d, 0xd8, 0x00, 0xde};
    memcpy(buf + n, units, sizeof units);
    n += sizeof units;
    for (const char *p = post; *p; p++) {
        buf[n++] = (uint8_t)*p;
        buf[n++] = 0;
    }
    pxb_wim_xml xml;
    (void)state;
    assert_int_equal(pxb_wim_xml_read(buf, n, &xml, NULL), 0);
    assert_string_equal(xml.images[0].name, "\xc3\xa9\xf0\x9f\x98\x80");
}

static void expect_xml_error(const char *text, const char *words)
{
    uint8_t buf[1024];
    size_t n = make_xml(text, buf, sizeof buf);
    pxb_wim_xml xml;
    pxb_error err;
    pxb_error_clear(&err);
    expect_says(pxb_wim_xml_read(buf, n, &xml, &err), &err, words);
}

static void test_xml_refusals(void **state)
{
    const uint8_t plain[] = "<WIM></WIM>";
    pxb_wim_xml xml;
    pxb_error err;
    (void)state;
    assert_int_equal(pxb_wim_xml_read(plain, sizeof plain - 1, &xml, &err), -1);
    assert_non_null(strstr(err.text, "unreadable"));
    expect_xml_error("<NOTWIM/>", "no WIM element");
    expect_xml_error("<WIM><IMAGE><NAME>x</NAME></IMAGE></WIM>", "has no INDEX");
    expect_xml_error("<WIM><IMAGE INDEX=\"1\"/><IMAGE INDEX=\"1\"/></WIM>", "image 1 twice");
    expect_xml_error("<WIM><IMAGE INDEX=\"1\"><NAME>x</IMAGE></WIM>", "not well formed");
    expect_xml_error("<WIM><IMAGE INDEX=\"1\"><NAME>x</NAME>", "not well formed");
    expect_xml_error("<WIM><IMAGE INDEX=\"1\"></WIM>", "not well formed");
    expect_xml_error("<WIM></IMAGE></WIM>", "not well formed");
}

static void pick_setup(pxb_wim_header *hdr, pxb_wim_xml *xml, uint32_t boot)
{
    uint8_t h[PXB_WIM_HEADER_SIZE];
    make_header(h, 3, boot, 100);
    assert_int_equal(pxb_wim_header_read(h, sizeof h, 1000, hdr, NULL), 0);
    read_xml(PE_XML, xml);
}

static void expect_pick_error(unsigned index, int arch, uint32_t boot, const char *words)
{
    pxb_wim_header hdr;
    pxb_wim_xml xml;
    pxb_wim_image img;
    pxb_error err;
    pick_setup(&hdr, &xml, boot);
    pxb_error_clear(&err);
    expect_says(pxb_wim_pick(&hdr, &xml, index, arch, &img, &err), &err, words);
}

static void test_pick(void **state)
{
    pxb_wim_header hdr;
    pxb_wim_xml xml;
    pxb_wim_image img;
    (void)state;
    pick_setup(&hdr, &xml, 2);
    assert_int_equal(pxb_wim_pick(&hdr, &xml, 0, PXB_WIM_ARCH_NONE, &img, NULL), 0);
    assert_int_equal(img.index, 2);
    assert_int_equal(img.arch, PXB_WIM_ARCH_ARM64);
    assert_int_equal(pxb_wim_pick(&hdr, &xml, 1, PXB_WIM_ARCH_X64, &img, NULL), 0);
    assert_string_equal(img.version, "10.0.26100.1");
    assert_int_equal(pxb_wim_pick(&hdr, &xml, 3, PXB_WIM_ARCH_X86, &img, NULL), 0);
    assert_int_equal(img.arch, PXB_WIM_ARCH_X86);
}

static void test_pick_refusals(void **state)
{
    (void)state;
    expect_pick_error(4, PXB_WIM_ARCH_NONE, 1, "--index 4 is out of range");
    expect_pick_error(0, PXB_WIM_ARCH_NONE, 0, "marks none bootable");
    expect_pick_error(1, PXB_WIM_ARCH_ARM64, 1, "is for x64, not arm64");
    expect_pick_error(3, PXB_WIM_ARCH_NONE, 1, "names no architecture");
}

static void test_arch_names(void **state)
{
    (void)state;
    assert_string_equal(pxb_wim_arch_name(PXB_WIM_ARCH_X86), "x86");
    assert_string_equal(pxb_wim_arch_name(9), "x64");
    assert_string_equal(pxb_wim_arch_name(12), "arm64");
    assert_null(pxb_wim_arch_name(6));
    assert_int_equal(pxb_wim_arch_parse("ARM64"), 12);
    assert_int_equal(pxb_wim_arch_parse("amd64"), PXB_WIM_ARCH_NONE);
}

/* Reads a whole file into a malloc'd buffer. */
static uint8_t *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    uint8_t *buf = malloc(8 << 20);
    assert_non_null(buf);
    *len = fread(buf, 1, 8 << 20, f);
    fclose(f);
    return buf;
}

static void run(const char *fmt, ...)
{
    char cmd[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    if (system(cmd) != 0)
        fail_msg("failed (is wimtools installed?): %s", cmd);
}

/* A WIM as `winpe add` meets it, made by wimlib-imagex. */
static void test_real_wim(void **state)
{
    tmptree t;
    size_t len;
    pxb_wim_header hdr;
    pxb_wim_xml xml;
    pxb_wim_image img;
    pxb_error err;
    (void)state;
    tmptree_create(&t);
    run("mkdir -p %s/src/Windows/Boot/EFI && echo boot > %s/src/Windows/Boot/EFI/bootmgfw.efi"
        " && wimlib-imagex capture %s/src %s/boot.wim 'Microsoft Windows PE (amd64)' --boot"
        " >/dev/null", t.root, t.root, t.root, t.root);
    run("wimlib-imagex info %s/boot.wim 1 --image-property WINDOWS/ARCH=9"
        " --image-property WINDOWS/VERSION/MAJOR=10 --image-property WINDOWS/VERSION/MINOR=0"
        " --image-property WINDOWS/VERSION/BUILD=26100 --image-property"
        " WINDOWS/VERSION/SPBUILD=1 >/dev/null", t.root);
    char path[PATH_MAX];
    tmptree_path(&t, "boot.wim", path, sizeof path);
    uint8_t *wim = slurp(path, &len);
    if (pxb_wim_header_read(wim, len, len, &hdr, &err) != 0 ||
        pxb_wim_xml_read(wim + hdr.xml.offset, hdr.xml.size, &xml, &err) != 0 ||
        pxb_wim_pick(&hdr, &xml, 0, PXB_WIM_ARCH_X64, &img, &err) != 0)
        fail_msg("%s", err.text);
    assert_int_equal(hdr.compression, PXB_WIM_LZX);
    assert_int_equal(img.index, 1);
    assert_string_equal(img.name, "Microsoft Windows PE (amd64)");
    assert_string_equal(img.version, "10.0.26100.1");
    free(wim);
    tmptree_destroy(&t);
}

/* The first part of a WIM that wimlib-imagex split. */
static void test_real_split(void **state)
{
    tmptree t;
    size_t len;
    pxb_wim_header hdr;
    pxb_error err;
    (void)state;
    tmptree_create(&t);
    run("mkdir -p %s/src && head -c 3000000 /dev/urandom > %s/src/big && wimlib-imagex"
        " capture %s/src %s/big.wim --compress=none >/dev/null", t.root, t.root, t.root, t.root);
    run("wimlib-imagex split %s/big.wim %s/big.swm 1 >/dev/null", t.root, t.root);
    char path[PATH_MAX];
    tmptree_path(&t, "big.swm", path, sizeof path);
    uint8_t *wim = slurp(path, &len);
    pxb_error_clear(&err);
    assert_int_equal(pxb_wim_header_read(wim, len, len, &hdr, &err), -1);
    assert_non_null(strstr(err.text, "split WIM"));
    free(wim);
    tmptree_destroy(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_header_good),
        cmocka_unit_test(test_header_refusals),
        cmocka_unit_test(test_header_xml_resource),
        cmocka_unit_test(test_xml_images),
        cmocka_unit_test(test_xml_utf16),
        cmocka_unit_test(test_xml_refusals),
        cmocka_unit_test(test_pick),
        cmocka_unit_test(test_pick_refusals),
        cmocka_unit_test(test_arch_names),
        cmocka_unit_test(test_real_wim),
        cmocka_unit_test(test_real_split),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
