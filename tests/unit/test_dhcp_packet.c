/* test_dhcp_packet.c: unit tests for the DHCP datagram reader and the reply writer (RFC 2131
 * 2, RFC 2132): the header's fields at their offsets, options with pads, option overload
 * (52) into file and sname, and every malformed form refused without reading past the
 * datagram: truncated header, no cookie, an option past the end, no end option, overloaded
 * fields with bad lengths or no end, a bad overload value; zero and 65535 bytes. The
 * writer never writes past its buffer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "dhcp_dgram.h"
#include "dhcp_packet.h"
#include "dhcp_writer.h"

static const uint8_t MAC[6] = {0x52, 0x54, 0x00, 0xab, 0xcd, 0xef};

/* Reads exactly d->len bytes from a heap copy of that size, so ASan sees a read past it.
 * The copy lives until the next call (the options point into it). */
static int read_exact(const dhcp_dgram *d, pxb_dhcp_packet *p, pxb_error *err)
{
    static uint8_t *copy;

    free(copy);
    copy = malloc(d->len ? d->len : 1);
    assert_non_null(copy);
    memcpy(copy, d->b, d->len);
    return pxb_dhcp_packet_read(copy, d->len, p, err);
}

static void assert_refused(const dhcp_dgram *d, const char *why)
{
    pxb_dhcp_packet p;
    pxb_error err = {0};

    assert_int_equal(read_exact(d, &p, &err), -1);
    if (strstr(err.text, why) == NULL)
        fail_msg("error '%s' lacks '%s'", err.text, why);
}

static void test_header_and_options(void **state)
{
    dhcp_dgram d;
    pxb_dhcp_packet p;
    pxb_error err = {0};
    const pxb_dhcp_option *o;

    (void)state;
    dgram_start(&d, MAC, 0x01020304u);
    dgram_u32(&d, AT_CIADDR, 0x0A000032u);
    dgram_u32(&d, AT_GIADDR, 0x0A020001u);
    d.b[d.len++] = 0; /* pads between options */
    dgram_byte(&d, 53, 1);
    d.b[d.len++] = 0;
    dgram_text(&d, 60, "PXEClient");
    dgram_text(&d, 60, "second"); /* a repeated code keeps its first */
    dgram_opt(&d, 77, "", 0);
    dgram_end(&d);
    d.len += 50; /* bytes after the end option are not read as options */
    assert_int_equal(pxb_dhcp_packet_read(d.b, d.len, &p, &err), 0);
    assert_int_equal(p.header.op, 1);
    assert_int_equal(p.header.xid, 0x01020304u);
    assert_int_equal(p.header.ciaddr, 0x0A000032u);
    assert_int_equal(p.header.giaddr, 0x0A020001u);
    assert_memory_equal(p.header.chaddr, MAC, 6);
    o = pxb_dhcp_packet_option(&p, 53);
    assert_non_null(o);
    assert_int_equal(o->len, 1);
    assert_int_equal(o->data[0], 1);
    o = pxb_dhcp_packet_option(&p, 60);
    assert_int_equal(o->len, 9);
    assert_memory_equal(o->data, "PXEClient", 9);
    assert_int_equal(pxb_dhcp_packet_option(&p, 77)->len, 0);
    assert_null(pxb_dhcp_packet_option(&p, 93));
}

/* RFC 2132 9.3: 52 = 1 (file), 2 (sname), 3 (both); options there end with their own end. */
static void test_overload(void **state)
{
    dhcp_dgram d;
    pxb_dhcp_packet p;
    pxb_error err = {0};
    static const uint8_t in_file[] = {93, 2, 0, 7, 255};
    static const uint8_t in_sname[] = {0, 77, 4, 'i', 'P', 'X', 'E', 255};

    (void)state;
    dgram_start(&d, MAC, 1);
    dgram_byte(&d, 53, 1);
    dgram_byte(&d, 52, 3);
    dgram_end(&d);
    memcpy(d.b + AT_FILE, in_file, sizeof in_file);
    memcpy(d.b + AT_SNAME, in_sname, sizeof in_sname);
    assert_int_equal(read_exact(&d, &p, &err), 0);
    assert_int_equal(pxb_dhcp_packet_option(&p, 93)->data[1], 7);
    assert_memory_equal(pxb_dhcp_packet_option(&p, 77)->data, "iPXE", 4);
    /* 52 = 1: sname is a name, not options */
    d.b[AT_OPTIONS + 5] = 1;
    assert_int_equal(read_exact(&d, &p, &err), 0);
    assert_non_null(pxb_dhcp_packet_option(&p, 93));
    assert_null(pxb_dhcp_packet_option(&p, 77));
}

static void test_overload_bad_fields(void **state)
{
    dhcp_dgram d;

    (void)state;
    dgram_start(&d, MAC, 1);
    dgram_byte(&d, 52, 1);
    dgram_end(&d);
    /* file: an option whose length runs past the 128-byte field into sname */
    d.b[AT_FILE + 120] = 60;
    d.b[AT_FILE + 121] = 10;
    assert_refused(&d, "option 60 in the file field runs past its end");
    /* file: options but no end option */
    memset(d.b + AT_FILE, 0, PXB_DHCP_FILE_LEN);
    d.b[AT_FILE] = 60;
    d.b[AT_FILE + 1] = 1;
    d.b[AT_FILE + 2] = 'x';
    assert_refused(&d, "the file field has no end option");
    /* sname: its last byte is a code with no room for a length */
    d.b[AT_OPTIONS + 2] = 2;
    d.b[AT_SNAME + 63] = 77;
    assert_refused(&d, "option 77 in the sname field runs past its end");
    d.b[AT_OPTIONS + 2] = 4;
    assert_refused(&d, "option 52 (overload) is not 1, 2 or 3");
    d.b[AT_OPTIONS + 1] = 2; /* 52 of two bytes */
    d.b[AT_OPTIONS + 4] = 255;
    d.len = AT_OPTIONS + 5;
    assert_refused(&d, "option 52 (overload) is not 1, 2 or 3");
}

static void test_malformed(void **state)
{
    dhcp_dgram d;
    uint8_t *big;
    pxb_dhcp_packet p;

    (void)state;
    dgram_start(&d, MAC, 1);
    d.len = 0;
    assert_refused(&d, "0 bytes: shorter than a DHCP header");
    d.len = 239;
    assert_refused(&d, "239 bytes: shorter than a DHCP header");
    dgram_start(&d, MAC, 1);
    dgram_end(&d);
    d.b[AT_COOKIE + 3] = 0x64;
    assert_refused(&d, "no DHCP magic cookie");
    dgram_start(&d, MAC, 1);
    dgram_text(&d, 60, "PXEClient");
    assert_refused(&d, "the options field has no end option");
    d.len -= 2; /* 60's length now says 9, 7 bytes follow */
    assert_refused(&d, "option 60 in the options field runs past its end");
    d.len = AT_OPTIONS + 1; /* a code and no length */
    assert_refused(&d, "option 60 in the options field runs past its end");
    big = calloc(1, 65535);
    assert_non_null(big);
    assert_int_equal(pxb_dhcp_packet_read(big, 65535, &p, NULL), -1);
    memcpy(big, d.b, AT_OPTIONS); /* a cookie, then pads to the end: no end option */
    assert_int_equal(pxb_dhcp_packet_read(big, 65535, &p, NULL), -1);
    big[65534] = 255;
    assert_int_equal(pxb_dhcp_packet_read(big, 65535, &p, NULL), 0);
    free(big);
    assert_int_equal(pxb_dhcp_packet_read(NULL, 0, &p, NULL), -1);
}

static void test_suboption(void **state)
{
    static const uint8_t v[] = {0, 6, 1, 8, 71, 4, 0x80, 0, 0, 1, 255};
    static const uint8_t bad[] = {71, 9, 1};
    pxb_dhcp_option o = {1, v, sizeof v}, sub;

    (void)state;
    assert_int_equal(pxb_dhcp_suboption(&o, 71, &sub), 0);
    assert_int_equal(sub.len, 4);
    assert_int_equal(sub.data[0], 0x80);
    assert_int_equal(pxb_dhcp_suboption(&o, 9, &sub), -1);
    o.data = bad;
    o.len = sizeof bad;
    assert_int_equal(pxb_dhcp_suboption(&o, 71, &sub), -1);
}

static void test_writer(void **state)
{
    uint8_t buf[PXB_DHCP_HEADER_LEN + 4 + 10 + 32];
    pxb_dhcp_writer w;
    pxb_dhcp_header h;
    static const uint8_t data[255] = {0};

    (void)state;
    memset(&h, 0, sizeof h);
    h.op = 2;
    h.xid = 0xA1B2C3D4u;
    h.siaddr = 0x0A000005u;
    memcpy(h.chaddr, MAC, 6);
    memcpy(h.file, "snponly.efi", 11);
    memset(buf, 0xEE, sizeof buf);
    assert_int_equal(pxb_dhcp_write_start(&w, buf, sizeof buf - 32, &h), 0);
    assert_int_equal(buf[0], 2);
    assert_int_equal(dgram_get32(buf + 4), 0xA1B2C3D4u);
    assert_int_equal(dgram_get32(buf + AT_SIADDR), 0x0A000005u);
    assert_memory_equal(buf + AT_CHADDR, MAC, 6);
    assert_string_equal((char *)buf + AT_FILE, "snponly.efi");
    assert_int_equal(dgram_get32(buf + AT_COOKIE), 0x63825363u);
    assert_int_equal(pxb_dhcp_write_address(&w, 54, 0x0A000005u), 0);
    assert_int_equal(pxb_dhcp_write_option(&w, 60, data, 2), -1); /* no room for its end */
    assert_int_equal(pxb_dhcp_write_option(&w, 60, data, 1), 0);
    assert_int_equal(pxb_dhcp_write_option(&w, 1, data, 0), -1);
    assert_int_equal(pxb_dhcp_write_end(&w), sizeof buf - 32);
    assert_int_equal(buf[sizeof buf - 33], 255);
    assert_int_equal(buf[sizeof buf - 32], 0xEE);
    /* a long enough buffer: padded to 300, a 256-byte option refused */
    assert_int_equal(pxb_dhcp_write_start(&w, buf, sizeof buf, &h), 0);
    assert_int_equal(pxb_dhcp_write_option(&w, 1, data, 256), -1);
    assert_int_equal(pxb_dhcp_write_end(&w), sizeof buf);
    assert_int_equal(pxb_dhcp_write_start(&w, buf, PXB_DHCP_HEADER_LEN + 4, &h), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_header_and_options),
        cmocka_unit_test(test_overload),
        cmocka_unit_test(test_overload_bad_fields),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_suboption),
        cmocka_unit_test(test_writer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
