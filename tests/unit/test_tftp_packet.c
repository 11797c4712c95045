/* test_tftp_packet.c: unit tests for the TFTP wire format: every opcode parses from the bytes
 * real clients send, malformed datagrams are refused without reading past their end (each
 * case is copied into an exact-size heap buffer so AddressSanitizer would catch an overread),
 * tolerated oddities stay tolerated, and the builders produce the exact bytes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tftp_packet.h"

#define BYTES(s) (const uint8_t *)(s), sizeof(s) - 1

/* Parses a heap copy of exactly len bytes; the copy stays alive for the fields' use. */
static int parse_copy(const uint8_t *bytes, size_t len, tftp_packet *p, const char **reason,
                      uint8_t **copy)
{
    *copy = malloc(len ? len : 1);
    assert_non_null(*copy);
    memcpy(*copy, bytes, len);
    return tftp_packet_parse(*copy, len, p, reason);
}

static void expect_malformed(const uint8_t *bytes, size_t len, uint16_t opcode,
                             const char *reason_want)
{
    tftp_packet p;
    const char *reason = NULL;
    uint8_t *copy;
    assert_int_equal(parse_copy(bytes, len, &p, &reason, &copy), -1);
    assert_int_equal(p.opcode, opcode);
    assert_string_equal(reason, reason_want);
    free(copy);
}

static void test_parse_rrq_with_options(void **state)
{
    tftp_packet p;
    const char *reason = NULL;
    uint8_t *copy;
    tftp_option opt;
    size_t cursor = 0;
    (void)state;
    assert_int_equal(parse_copy(BYTES("\0\1boot/ipxe.efi\0octet\0blksize\0001468\0tsize\0000\0"),
                                &p, &reason, &copy),
                     0);
    assert_int_equal(p.opcode, TFTP_OP_RRQ);
    assert_int_equal(p.filename_len, 13);
    assert_string_equal(p.filename, "boot/ipxe.efi");
    assert_string_equal(p.mode, "octet");
    assert_int_equal(tftp_packet_next_option(&p, &cursor, &opt), 1);
    assert_string_equal(opt.name, "blksize");
    assert_string_equal(opt.value, "1468");
    assert_int_equal(tftp_packet_next_option(&p, &cursor, &opt), 1);
    assert_string_equal(opt.name, "tsize");
    assert_string_equal(opt.value, "0");
    assert_int_equal(tftp_packet_next_option(&p, &cursor, &opt), 0);
    free(copy);
}

static void test_parse_wrq_without_options(void **state)
{
    tftp_packet p;
    const char *reason = NULL;
    uint8_t *copy;
    size_t cursor = 0;
    tftp_option opt;
    (void)state;
    assert_int_equal(parse_copy(BYTES("\0\2up.bin\0NETASCII\0"), &p, &reason, &copy), 0);
    assert_int_equal(p.opcode, TFTP_OP_WRQ);
    assert_string_equal(p.filename, "up.bin");
    assert_int_equal(tftp_packet_mode(p.mode), TFTP_MODE_NETASCII);
    assert_int_equal(tftp_packet_next_option(&p, &cursor, &opt), 0);
    free(copy);
}

static void test_parse_request_malformed(void **state)
{
    (void)state;
    expect_malformed(BYTES("\0\1"), TFTP_OP_RRQ, "file name is not terminated");
    expect_malformed(BYTES("\0\1file"), TFTP_OP_RRQ, "file name is not terminated");
    expect_malformed(BYTES("\0\1\0octet\0"), TFTP_OP_RRQ, "empty file name");
    expect_malformed(BYTES("\0\1file\0"), TFTP_OP_RRQ,
                     "transfer mode is missing or not terminated");
    expect_malformed(BYTES("\0\1file\0octet"), TFTP_OP_RRQ,
                     "transfer mode is missing or not terminated");
    expect_malformed(BYTES("\0\1file\0octet\0blksize\0"), TFTP_OP_RRQ, "option without a value");
    expect_malformed(BYTES("\0\1file\0octet\0blksize\0001024"), TFTP_OP_RRQ,
                     "option without a value");
    expect_malformed(BYTES("\0\2file\0octet\0tsize\0000\0blksize\0"), TFTP_OP_WRQ,
                     "option without a value");
}

static void test_parse_request_tolerated(void **state)
{
    tftp_packet p;
    const char *reason = NULL;
    uint8_t *copy;
    size_t cursor = 0;
    tftp_option opt;
    (void)state;
    /* Bytes without a NUL after the mode: ignored. */
    assert_int_equal(parse_copy(BYTES("\0\1file\0octet\0\x01\x02garbage"), &p, &reason, &copy),
                     0);
    assert_int_equal(p.options_len, 0);
    free(copy);
    /* NUL padding after the options: ignored. */
    assert_int_equal(parse_copy(BYTES("\0\1file\0octet\0tsize\0000\0\0\0\0"), &p, &reason, &copy),
                     0);
    assert_int_equal(tftp_packet_next_option(&p, &cursor, &opt), 1);
    assert_string_equal(opt.name, "tsize");
    assert_int_equal(tftp_packet_next_option(&p, &cursor, &opt), 0);
    free(copy);
    /* A trailing 0xFF in the name is kept for tftp_path to strip. */
    assert_int_equal(parse_copy(BYTES("\0\1pxelinux.0\xff\0octet\0"), &p, &reason, &copy), 0);
    assert_int_equal(p.filename_len, 11);
    assert_int_equal((unsigned char)p.filename[10], 0xff);
    free(copy);
}

static void test_parse_data_ack(void **state)
{
    tftp_packet p;
    const char *reason = NULL;
    uint8_t *copy;
    (void)state;
    assert_int_equal(parse_copy(BYTES("\0\3\xff\xfe" "abc"), &p, &reason, &copy), 0);
    assert_int_equal(p.opcode, TFTP_OP_DATA);
    assert_int_equal(p.block, 65534);
    assert_int_equal(p.data_len, 3);
    assert_memory_equal(p.data, "abc", 3);
    free(copy);
    assert_int_equal(parse_copy(BYTES("\0\3\0\1"), &p, &reason, &copy), 0);
    assert_int_equal(p.data_len, 0);
    free(copy);
    assert_int_equal(parse_copy(BYTES("\0\4\1\0"), &p, &reason, &copy), 0);
    assert_int_equal(p.opcode, TFTP_OP_ACK);
    assert_int_equal(p.block, 256);
    free(copy);
    expect_malformed(BYTES("\0\3\0"), TFTP_OP_DATA, "DATA packet too short");
    expect_malformed(BYTES("\0\4\0"), TFTP_OP_ACK, "ACK packet too short");
    expect_malformed(BYTES("\0\4"), TFTP_OP_ACK, "ACK packet too short");
}

static void test_parse_error(void **state)
{
    tftp_packet p;
    const char *reason = NULL;
    uint8_t *copy;
    (void)state;
    assert_int_equal(parse_copy(BYTES("\0\5\0\10User aborted\0"), &p, &reason, &copy), 0);
    assert_int_equal(p.opcode, TFTP_OP_ERROR);
    assert_int_equal(p.error_code, 8);
    assert_int_equal(p.error_msg_len, 12);
    assert_memory_equal(p.error_msg, "User aborted", 12);
    free(copy);
    /* A message without its NUL is tolerated, bounded by the datagram. */
    assert_int_equal(parse_copy(BYTES("\0\5\0\1nope"), &p, &reason, &copy), 0);
    assert_int_equal(p.error_msg_len, 4);
    free(copy);
    expect_malformed(BYTES("\0\5\0"), TFTP_OP_ERROR, "ERROR packet too short");
}

static void test_parse_oack(void **state)
{
    tftp_packet p;
    const char *reason = NULL;
    uint8_t *copy;
    size_t cursor = 0;
    tftp_option opt;
    (void)state;
    assert_int_equal(parse_copy(BYTES("\0\6blksize\0001024\0"), &p, &reason, &copy), 0);
    assert_int_equal(p.opcode, TFTP_OP_OACK);
    assert_int_equal(tftp_packet_next_option(&p, &cursor, &opt), 1);
    assert_string_equal(opt.value, "1024");
    free(copy);
    expect_malformed(BYTES("\0\6blksize\0"), TFTP_OP_OACK, "option without a value");
}

static void test_parse_short_and_unknown(void **state)
{
    (void)state;
    expect_malformed((const uint8_t *)"", 0, 0, "packet too short");
    expect_malformed(BYTES("\0"), 0, "packet too short");
    expect_malformed(BYTES("\0\7abc"), 7, "unknown opcode");
    expect_malformed(BYTES("\xff\xff"), 0xffff, "unknown opcode");
}

static void test_names_and_modes(void **state)
{
    (void)state;
    assert_true(tftp_packet_name_is("BlkSize", "blksize"));
    assert_false(tftp_packet_name_is("blksize2", "blksize"));
    assert_false(tftp_packet_name_is("blk", "blksize"));
    assert_int_equal(tftp_packet_mode("OCTET"), TFTP_MODE_OCTET);
    assert_int_equal(tftp_packet_mode("netAscii"), TFTP_MODE_NETASCII);
    assert_int_equal(tftp_packet_mode("mail"), TFTP_MODE_UNKNOWN);
    assert_int_equal(tftp_packet_mode(""), TFTP_MODE_UNKNOWN);
    assert_int_equal(tftp_packet_mode("octets"), TFTP_MODE_UNKNOWN);
}

static void test_build_packets(void **state)
{
    uint8_t buf[64];
    const tftp_option opts[] = {{"blksize", "1468"}, {"tsize", "0"}};
    (void)state;
    size_t n = tftp_packet_build_request(buf, sizeof buf, TFTP_OP_RRQ, "a.efi", "octet", opts, 2);
    assert_int_equal(n, sizeof("\0\1a.efi\0octet\0blksize\0001468\0tsize\0000") );
    assert_memory_equal(buf, "\0\1a.efi\0octet\0blksize\0001468\0tsize\0000", n);
    n = tftp_packet_build_data(buf, sizeof buf, 65535, (const uint8_t *)"xyz", 3);
    assert_int_equal(n, 7);
    assert_memory_equal(buf, "\0\3\xff\xffxyz", 7);
    n = tftp_packet_build_ack(buf, sizeof buf, 258);
    assert_int_equal(n, 4);
    assert_memory_equal(buf, "\0\4\1\2", 4);
    n = tftp_packet_build_error(buf, sizeof buf, 1, "file not found");
    assert_int_equal(n, 19);
    assert_memory_equal(buf, "\0\5\0\1file not found", 19);
    n = tftp_packet_build_oack(buf, sizeof buf, opts, 1);
    assert_int_equal(n, 15);
    assert_memory_equal(buf, "\0\6blksize\0001468", 15);
}

static void test_build_limits(void **state)
{
    uint8_t buf[TFTP_ERROR_PACKET_MAX + 100];
    char long_msg[1000];
    const tftp_option opts[] = {{"blksize", "1468"}};
    (void)state;
    assert_int_equal(tftp_packet_build_request(buf, 10, TFTP_OP_RRQ, "long-name", "octet", NULL, 0),
                     0);
    assert_int_equal(tftp_packet_build_oack(buf, 10, opts, 1), 0);
    assert_int_equal(tftp_packet_build_data(buf, 6, 1, (const uint8_t *)"xyz", 3), 0);
    assert_int_equal(tftp_packet_build_ack(buf, 3, 1), 0);
    assert_int_equal(tftp_packet_build_error(buf, 4, 0, "x"), 0);
    assert_int_equal(tftp_packet_build_error(buf, 5, 0, "xyz"), 5);
    assert_int_equal(buf[4], 0);
    memset(long_msg, 'm', sizeof long_msg - 1);
    long_msg[sizeof long_msg - 1] = 0;
    size_t n = tftp_packet_build_error(buf, sizeof buf, 0, long_msg);
    assert_int_equal(n, TFTP_ERROR_PACKET_MAX);
    assert_int_equal(buf[n - 1], 0);
}

static void test_round_trip_every_prefix(void **state)
{
    /* Every truncation of a valid request parses or fails cleanly, never past its end. */
    static const uint8_t rrq[] = "\0\1dir/file.bin\0octet\0blksize\0008\0windowsize\0004\0";
    tftp_packet p;
    const char *reason;
    (void)state;
    for (size_t len = 0; len < sizeof rrq; len++) {
        uint8_t *copy;
        int rc = parse_copy(rrq, len, &p, &reason, &copy);
        assert_true(rc == 0 || rc == -1);
        free(copy);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_rrq_with_options),
        cmocka_unit_test(test_parse_wrq_without_options),
        cmocka_unit_test(test_parse_request_malformed),
        cmocka_unit_test(test_parse_request_tolerated),
        cmocka_unit_test(test_parse_data_ack),
        cmocka_unit_test(test_parse_error),
        cmocka_unit_test(test_parse_oack),
        cmocka_unit_test(test_parse_short_and_unknown),
        cmocka_unit_test(test_names_and_modes),
        cmocka_unit_test(test_build_packets),
        cmocka_unit_test(test_build_limits),
        cmocka_unit_test(test_round_trip_every_prefix),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
