/* test_storm_client.c: unit tests for the load generator's simulated PXE client
 * (tests/bench/storm_client.c): the request it sends, the OACK it accepts or refuses, the
 * ACKs of a window, the one ACK per gap, the byte-for-byte check, block numbers that roll
 * over, and retransmission on timeout until its retries run out. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "storm_client.h"
#include "tftp_packet.h"

#define FILE_LEN 10000u

static uint8_t file[FILE_LEN];
static uint8_t pkt[TFTP_PACKET_MAX], out[TFTP_PACKET_MAX];

static int setup(void **state)
{
    for (size_t i = 0; i < FILE_LEN; i++)
        file[i] = (uint8_t)(i * 7 + 3);
    return 0;
}

static storm_request request(uint32_t blksize, uint32_t windowsize, int tsize)
{
    return (storm_request){.filename = "f.bin", .expect = file, .expect_len = FILE_LEN,
                           .blksize = blksize, .windowsize = windowsize, .tsize = tsize};
}

/* DATA block index (1-based) of the file at blksize, with its block number as on the wire. */
static size_t data_of(uint64_t index, uint32_t blksize, const uint8_t *src, size_t src_len)
{
    uint64_t offset = (index - 1) * blksize;
    size_t len = offset >= src_len ? 0 : src_len - offset < blksize ? src_len - offset : blksize;
    return tftp_packet_build_data(pkt, sizeof pkt, (uint16_t)index, src + offset, len);
}

static size_t oack_of(const char *blksize, const char *windowsize, const char *tsize)
{
    tftp_option o[3];
    size_t n = 0;
    if (blksize)
        o[n++] = (tftp_option){"blksize", blksize};
    if (windowsize)
        o[n++] = (tftp_option){"windowsize", windowsize};
    if (tsize)
        o[n++] = (tftp_option){"tsize", tsize};
    return tftp_packet_build_oack(pkt, sizeof pkt, o, n);
}

/* The block an ACK in out acknowledges; fails the test if out is not an ACK. */
static uint16_t ack_block(size_t len)
{
    tftp_packet p;
    const char *why;
    assert_int_equal(len, 4);
    assert_int_equal(tftp_packet_parse(out, len, &p, &why), 0);
    assert_int_equal(p.opcode, TFTP_OP_ACK);
    return p.block;
}

static size_t give(storm_client *c, size_t len, int *progress)
{
    return storm_client_receive(c, pkt, len, out, sizeof out, progress);
}

static void test_request_carries_the_options_asked(void **state)
{
    storm_request rq = request(1468, 4, 1);
    storm_client c;
    size_t n = storm_client_start(&c, &rq, out, sizeof out);
    static const char want[] = "\0\1f.bin\0octet\0blksize\0" "1468\0windowsize\0" "4\0tsize\0" "0";
    assert_int_equal(n, sizeof want);
    assert_memory_equal(out, want, sizeof want);
    assert_int_equal(c.state, STORM_REQUESTED);
}

static void test_windowed_transfer_acks_each_window_and_the_end(void **state)
{
    storm_request rq = request(1000, 4, 1);
    storm_client c;
    int progress;
    storm_client_start(&c, &rq, out, sizeof out);
    assert_int_equal(ack_block(give(&c, oack_of("1000", "4", "10000"), &progress)), 0);
    assert_true(progress);
    for (uint64_t i = 1; i <= 11; i++) {
        size_t n = give(&c, data_of(i, 1000, file, FILE_LEN), &progress);
        assert_true(progress);
        if (i % 4 == 0 || i == 11)
            assert_int_equal(ack_block(n), i);
        else
            assert_int_equal(n, 0);
    }
    assert_int_equal(c.state, STORM_DONE);
    assert_int_equal(c.received, FILE_LEN);
}

static void test_a_gap_is_acked_once_then_the_window_resumes(void **state)
{
    storm_request rq = request(1000, 4, 0);
    storm_client c;
    int progress;
    storm_client_start(&c, &rq, out, sizeof out);
    give(&c, oack_of("1000", "4", NULL), &progress);
    give(&c, data_of(1, 1000, file, FILE_LEN), &progress);
    assert_int_equal(ack_block(give(&c, data_of(3, 1000, file, FILE_LEN), &progress)), 1);
    assert_false(progress);
    assert_int_equal(give(&c, data_of(4, 1000, file, FILE_LEN), &progress), 0);
    assert_int_equal(give(&c, data_of(2, 1000, file, FILE_LEN), &progress), 0);
    assert_true(progress);
    assert_int_equal(give(&c, data_of(1, 1000, file, FILE_LEN), &progress), 0);
    assert_false(progress);
    assert_int_equal(c.state, STORM_RUNNING);
}

static void test_wrong_bytes_fail_the_transfer(void **state)
{
    storm_request rq = request(0, 0, 0);
    storm_client c;
    int progress;
    uint8_t other[FILE_LEN];
    memcpy(other, file, sizeof other);
    other[700] ^= 1;
    storm_client_start(&c, &rq, out, sizeof out);
    give(&c, data_of(1, 512, other, FILE_LEN), &progress);
    assert_int_equal(c.state, STORM_RUNNING);
    assert_int_equal(give(&c, data_of(2, 512, other, FILE_LEN), &progress), 0);
    assert_int_equal(c.state, STORM_FAILED);
    assert_string_equal(c.why, "DATA bytes differ from the file");
}

static void test_short_block_before_the_end_fails(void **state)
{
    storm_request rq = request(0, 0, 0);
    storm_client c;
    int progress;
    storm_client_start(&c, &rq, out, sizeof out);
    give(&c, data_of(1, 512, file, 100), &progress);
    assert_int_equal(c.state, STORM_FAILED);
    assert_string_equal(c.why, "DATA block of the wrong length");
}

static void test_oack_values_not_asked_fail(void **state)
{
    storm_request rq = request(1000, 0, 1);
    storm_client c;
    int progress;
    storm_client_start(&c, &rq, out, sizeof out);
    assert_int_equal(give(&c, oack_of("2000", NULL, NULL), &progress), 0);
    assert_int_equal(c.state, STORM_FAILED);
    storm_client_start(&c, &rq, out, sizeof out);
    give(&c, oack_of("1000", NULL, "9999"), &progress);
    assert_string_equal(c.why, "OACK tsize is not the file's size");
    storm_client_start(&c, &rq, out, sizeof out);
    give(&c, oack_of("1000", "8", NULL), &progress);
    assert_string_equal(c.why, "OACK with an option that was not asked");
}

static void test_error_packet_ends_with_its_message(void **state)
{
    storm_request rq = request(0, 0, 0);
    storm_client c;
    int progress;
    storm_client_start(&c, &rq, out, sizeof out);
    give(&c, tftp_packet_build_error(pkt, sizeof pkt, 1, "file not found"), &progress);
    assert_int_equal(c.state, STORM_FAILED);
    assert_string_equal(c.why, "ERROR 1: file not found");
}

static void test_block_numbers_roll_over(void **state)
{
    size_t len = 8u * 70000u;
    uint8_t *big = malloc(len);
    assert_non_null(big);
    for (size_t i = 0; i < len; i++)
        big[i] = (uint8_t)(i >> 3);
    storm_request rq = {.filename = "big", .expect = big, .expect_len = len, .blksize = 8};
    storm_client c;
    int progress;
    storm_client_start(&c, &rq, out, sizeof out);
    give(&c, oack_of("8", NULL, NULL), &progress);
    for (uint64_t i = 1; i <= 70001; i++)
        assert_int_equal(ack_block(give(&c, data_of(i, 8, big, len), &progress)), (uint16_t)i);
    assert_int_equal(c.state, STORM_DONE);
    assert_int_equal(c.received, len);
    free(big);
}

static void test_timeouts_resend_request_then_ack_then_fail(void **state)
{
    storm_request rq = request(0, 0, 0);
    storm_client c;
    int progress;
    size_t rrq = storm_client_start(&c, &rq, pkt, sizeof pkt);
    assert_int_equal(storm_client_timeout(&c, 2, out, sizeof out), rrq);
    assert_memory_equal(out, pkt, rrq);
    give(&c, data_of(1, 512, file, FILE_LEN), &progress);
    assert_int_equal(c.timeouts, 0);
    assert_int_equal(ack_block(storm_client_timeout(&c, 2, out, sizeof out)), 1);
    assert_int_equal(ack_block(storm_client_timeout(&c, 2, out, sizeof out)), 1);
    assert_int_equal(storm_client_timeout(&c, 2, out, sizeof out), 0);
    assert_int_equal(c.state, STORM_FAILED);
    assert_int_equal(c.retransmits, 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_request_carries_the_options_asked),
        cmocka_unit_test(test_windowed_transfer_acks_each_window_and_the_end),
        cmocka_unit_test(test_a_gap_is_acked_once_then_the_window_resumes),
        cmocka_unit_test(test_wrong_bytes_fail_the_transfer),
        cmocka_unit_test(test_short_block_before_the_end_fails),
        cmocka_unit_test(test_oack_values_not_asked_fail),
        cmocka_unit_test(test_error_packet_ends_with_its_message),
        cmocka_unit_test(test_block_numbers_roll_over),
        cmocka_unit_test(test_timeouts_resend_request_then_ack_then_fail),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
