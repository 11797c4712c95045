/* test_loop_detect.c: unit tests for the boot-loop detector: LoopThreshold completed
 * first-stage downloads by one host within the window make one report per episode; UEFI's
 * tsize probe (started, then aborted with error 8) and other files do not count; names match
 * on their last component ignoring case; ports are ignored and hosts kept apart (IPv4 and
 * IPv6); another image starts a new count; the window slides; a quiet window ends an episode; threshold 0 turns it off; the
 * table evicts the least recently seen client when full; the list shows current loops. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "loop_detect.h"

#define SECOND 1000u

static const char *const BUNDLED[] = {"undionly.kpxe", "snponly.efi", "ipxe.efi"};

static loop_detect *make_detector(size_t capacity, uint32_t threshold, uint32_t window_s)
{
    loop_detect *ld = loop_detect_create(capacity);
    assert_non_null(ld);
    loop_detect_set_limits(ld, threshold, window_s);
    assert_int_equal(loop_detect_set_files(ld, BUNDLED, 3), 0);
    return ld;
}

static pxb_addr addr(const char *text, uint16_t port)
{
    pxb_addr a;
    assert_int_equal(pxb_addr_parse(text, &a), 0);
    a.port = port;
    return a;
}

/* Feeds one event of kind for path from client; returns what loop_detect_feed returned. */
static int feed_event(loop_detect *ld, int kind, const char *client, uint16_t port,
                      const char *path, uint16_t error, uint64_t now_ms, loop_info *out)
{
    pxb_addr from = addr(client, port);
    tftp_event ev = {.kind = kind, .client = &from, .path = path, .tftp_error = error};
    return loop_detect_feed(ld, &ev, now_ms, out);
}

/* A completed download. */
static int fetch(loop_detect *ld, const char *client, uint16_t port, const char *path,
                 uint64_t now_ms, loop_info *out)
{
    return feed_event(ld, TFTP_EVENT_COMPLETED, client, port, path, 0, now_ms, out);
}

static void test_third_download_reports_once(void **state)
{
    loop_detect *ld = make_detector(LOOP_CLIENTS_DEFAULT, 3, 300);
    loop_info info;
    (void)state;
    assert_int_equal(fetch(ld, "192.0.2.7", 2070, "undionly.kpxe", 10 * SECOND, &info), 0);
    assert_int_equal(fetch(ld, "192.0.2.7", 2071, "undionly.kpxe", 40 * SECOND, &info), 0);
    assert_int_equal(fetch(ld, "192.0.2.7", 2072, "undionly.kpxe", 70 * SECOND, &info), 1);
    char host[PXB_ADDR_TEXT_MAX];
    pxb_addr_format(&info.client, host, sizeof host);
    assert_string_equal(host, "192.0.2.7");
    assert_string_equal(info.file, "undionly.kpxe");
    assert_int_equal(info.count, 3);
    assert_int_equal(info.first_ms, 10 * SECOND);
    assert_int_equal(info.last_ms, 70 * SECOND);
    /* The same episode goes on: counted, not reported again. */
    assert_int_equal(fetch(ld, "192.0.2.7", 2073, "undionly.kpxe", 100 * SECOND, &info), 0);
    assert_int_equal(fetch(ld, "192.0.2.7", 2074, "undionly.kpxe", 101 * SECOND, &info), 0);
    loop_info list[4];
    assert_int_equal(loop_detect_list(ld, 102 * SECOND, list, 4), 1);
    assert_int_equal(list[0].count, 5);
    assert_int_equal(list[0].first_ms, 10 * SECOND);
    assert_int_equal(list[0].last_ms, 101 * SECOND);
    loop_detect_destroy(ld);
}

static void test_tsize_probe_and_other_events_do_not_count(void **state)
{
    loop_detect *ld = make_detector(LOOP_CLIENTS_DEFAULT, 3, 300);
    loop_info info;
    (void)state;
    for (unsigned i = 0; i < 10; i++) {
        uint64_t t = i * SECOND;
        /* UEFI: asks for tsize, aborts with error 8; never completes here. */
        assert_int_equal(feed_event(ld, TFTP_EVENT_STARTED, "192.0.2.8", 1000, "snponly.efi",
                                    0, t, &info), 0);
        assert_int_equal(feed_event(ld, TFTP_EVENT_ABORTED, "192.0.2.8", 1000, "snponly.efi",
                                    8, t, &info), 0);
        assert_int_equal(feed_event(ld, TFTP_EVENT_FAILED, "192.0.2.8", 1001, "snponly.efi",
                                    0, t, &info), 0);
        assert_int_equal(feed_event(ld, TFTP_EVENT_REFUSED, "192.0.2.8", 1002, "snponly.efi",
                                    1, t, &info), 0);
    }
    /* A probe before each real download: only the downloads count. */
    for (unsigned i = 0; i < 2; i++) {
        uint64_t t = (20 + i) * SECOND;
        feed_event(ld, TFTP_EVENT_STARTED, "192.0.2.9", 1000, "snponly.efi", 0, t, &info);
        feed_event(ld, TFTP_EVENT_ABORTED, "192.0.2.9", 1000, "snponly.efi", 8, t, &info);
        feed_event(ld, TFTP_EVENT_STARTED, "192.0.2.9", 1001, "snponly.efi", 0, t, &info);
        assert_int_equal(fetch(ld, "192.0.2.9", 1001, "snponly.efi", t, &info), 0);
    }
    assert_int_equal(fetch(ld, "192.0.2.9", 1003, "snponly.efi", 22 * SECOND, &info), 1);
    assert_int_equal(info.count, 3);
    assert_int_equal(loop_detect_list(ld, 23 * SECOND, NULL, 0), 1);
    loop_detect_destroy(ld);
}

static void test_names_match_last_component_ignoring_case(void **state)
{
    loop_detect *ld = make_detector(LOOP_CLIENTS_DEFAULT, 2, 300);
    loop_info info;
    (void)state;
    assert_int_equal(fetch(ld, "192.0.2.1", 1, "Boot\\UNDIONLY.KPXE", 0, &info), 0);
    assert_int_equal(fetch(ld, "192.0.2.1", 2, "boot/x86/undionly.kpxe", SECOND, &info), 1);
    assert_string_equal(info.file, "boot/x86/undionly.kpxe");
    /* Not first-stage images: other files, and names that only contain one. */
    for (unsigned i = 0; i < 5; i++) {
        assert_int_equal(fetch(ld, "192.0.2.2", 1, "boot.ipxe", i, &info), 0);
        assert_int_equal(fetch(ld, "192.0.2.2", 1, "undionly.kpxe.bak", i, &info), 0);
        assert_int_equal(fetch(ld, "192.0.2.2", 1, "undionly.kpxe/x", i, &info), 0);
        assert_int_equal(fetch(ld, "192.0.2.2", 1, "my-ipxe.efi", i, &info), 0);
    }
    loop_detect_destroy(ld);
}

static void test_hosts_are_kept_apart(void **state)
{
    loop_detect *ld = make_detector(LOOP_CLIENTS_DEFAULT, 3, 300);
    loop_info info;
    (void)state;
    const char *hosts[] = {"192.0.2.1", "192.0.2.2", "2001:db8::1", "2001:db8::2"};
    for (unsigned round = 0; round < 2; round++) {
        for (unsigned h = 0; h < 4; h++)
            assert_int_equal(fetch(ld, hosts[h], (uint16_t)(1000 + round), "ipxe.efi",
                                   round * SECOND, &info), 0);
    }
    assert_int_equal(fetch(ld, "2001:db8::2", 3000, "ipxe.efi", 2 * SECOND, &info), 1);
    char host[PXB_ADDR_TEXT_MAX];
    pxb_addr_format(&info.client, host, sizeof host);
    assert_string_equal(host, "2001:db8::2");
    loop_info list[4];
    assert_int_equal(loop_detect_list(ld, 3 * SECOND, list, 4), 1);
    assert_true(pxb_addr_equal(&list[0].client, &info.client));
    loop_detect_destroy(ld);
}

static void test_window_slides(void **state)
{
    loop_detect *ld = make_detector(LOOP_CLIENTS_DEFAULT, 3, 300);
    loop_info info;
    (void)state;
    /* Never 3 within 300 s: 0, 200, 400 (the first is 400 s before the third). */
    assert_int_equal(fetch(ld, "192.0.2.3", 1, "undionly.kpxe", 0, &info), 0);
    assert_int_equal(fetch(ld, "192.0.2.3", 1, "undionly.kpxe", 200 * SECOND, &info), 0);
    assert_int_equal(fetch(ld, "192.0.2.3", 1, "undionly.kpxe", 400 * SECOND, &info), 0);
    /* 200, 400, 450 are within 300 s. */
    assert_int_equal(fetch(ld, "192.0.2.3", 1, "undionly.kpxe", 450 * SECOND, &info), 1);
    assert_int_equal(info.count, 4);
    assert_int_equal(info.first_ms, 0);
    loop_detect_destroy(ld);
}

static void test_quiet_window_ends_episode(void **state)
{
    loop_detect *ld = make_detector(LOOP_CLIENTS_DEFAULT, 2, 60);
    loop_info info;
    loop_info list[2];
    (void)state;
    fetch(ld, "192.0.2.4", 1, "snponly.efi", 0, &info);
    assert_int_equal(fetch(ld, "192.0.2.4", 1, "snponly.efi", 10 * SECOND, &info), 1);
    assert_int_equal(loop_detect_list(ld, 70 * SECOND, list, 2), 1);
    assert_int_equal(loop_detect_list(ld, 71 * SECOND, list, 2), 0);
    /* A new episode after a quiet window is reported again, counted from 1. */
    assert_int_equal(fetch(ld, "192.0.2.4", 1, "snponly.efi", 100 * SECOND, &info), 0);
    assert_int_equal(fetch(ld, "192.0.2.4", 1, "snponly.efi", 101 * SECOND, &info), 1);
    assert_int_equal(info.count, 2);
    assert_int_equal(info.first_ms, 100 * SECOND);
    loop_detect_destroy(ld);
}

static void test_another_image_starts_a_new_count(void **state)
{
    loop_detect *ld = make_detector(LOOP_CLIENTS_DEFAULT, 3, 300);
    loop_info info;
    (void)state;
    /* A UEFI boot, then the same address booting BIOS: no loop until undionly.kpxe alone
     * comes three times. */
    assert_int_equal(fetch(ld, "192.0.2.6", 1, "snponly.efi", 0, &info), 0);
    assert_int_equal(fetch(ld, "192.0.2.6", 1, "undionly.kpxe", 20 * SECOND, &info), 0);
    assert_int_equal(fetch(ld, "192.0.2.6", 1, "Boot\\UNDIONLY.KPXE", 40 * SECOND, &info), 0);
    assert_int_equal(loop_detect_list(ld, 41 * SECOND, NULL, 0), 0);
    assert_int_equal(fetch(ld, "192.0.2.6", 1, "undionly.kpxe", 60 * SECOND, &info), 1);
    assert_int_equal(info.count, 3);
    assert_int_equal(info.first_ms, 20 * SECOND);
    assert_string_equal(info.file, "undionly.kpxe");
    /* Switching images ends the episode: it leaves the list, and a new one counts from 1. */
    assert_int_equal(fetch(ld, "192.0.2.6", 1, "snponly.efi", 70 * SECOND, &info), 0);
    assert_int_equal(loop_detect_list(ld, 71 * SECOND, NULL, 0), 0);
    loop_detect_destroy(ld);
}

static void test_threshold_zero_is_off(void **state)
{
    loop_detect *ld = make_detector(LOOP_CLIENTS_DEFAULT, 0, 300);
    loop_info info;
    (void)state;
    for (unsigned i = 0; i < 20; i++)
        assert_int_equal(fetch(ld, "192.0.2.5", 1, "undionly.kpxe", i, &info), 0);
    assert_int_equal(loop_detect_list(ld, 20, NULL, 0), 0);
    loop_detect_destroy(ld);
}

static void test_limits_forget_only_when_changed(void **state)
{
    loop_detect *ld = make_detector(LOOP_CLIENTS_DEFAULT, 3, 300);
    loop_info info;
    (void)state;
    fetch(ld, "192.0.2.6", 1, "undionly.kpxe", 0, &info);
    fetch(ld, "192.0.2.6", 1, "undionly.kpxe", 1, &info);
    loop_detect_set_limits(ld, 3, 300);
    assert_int_equal(fetch(ld, "192.0.2.6", 1, "undionly.kpxe", 2, &info), 1);
    loop_detect_set_limits(ld, 3, 301);
    assert_int_equal(loop_detect_list(ld, 3, NULL, 0), 0);
    fetch(ld, "192.0.2.6", 1, "undionly.kpxe", 3, &info);
    assert_int_equal(fetch(ld, "192.0.2.6", 1, "undionly.kpxe", 4, &info), 0);
    assert_int_equal(fetch(ld, "192.0.2.6", 1, "undionly.kpxe", 5, &info), 1);
    loop_detect_destroy(ld);
}

static void test_full_table_evicts_least_recent(void **state)
{
    loop_detect *ld = make_detector(2, 2, 300);
    loop_info info;
    (void)state;
    fetch(ld, "192.0.2.10", 1, "undionly.kpxe", 0, &info);
    fetch(ld, "192.0.2.11", 1, "undionly.kpxe", 1, &info);
    fetch(ld, "192.0.2.10", 1, "boot.ipxe", 2, &info); /* no first stage: not "seen" */
    fetch(ld, "192.0.2.12", 1, "undionly.kpxe", 3, &info); /* evicts .10 */
    assert_int_equal(fetch(ld, "192.0.2.10", 1, "undionly.kpxe", 4, &info), 0); /* evicts .11 */
    assert_int_equal(fetch(ld, "192.0.2.11", 1, "undionly.kpxe", 5, &info), 0); /* evicts .12 */
    /* .10 was seen more recently than .12 and survived. */
    assert_int_equal(fetch(ld, "192.0.2.10", 1, "undionly.kpxe", 6, &info), 1);
    /* Thousands of clients pass through a small table; each one still counts right. */
    loop_detect *big = make_detector(64, 2, 300);
    char text[32];
    for (unsigned i = 0; i < 5000; i++) {
        snprintf(text, sizeof text, "10.%u.%u.%u", i >> 16 & 255, i >> 8 & 255, i & 255);
        assert_int_equal(fetch(big, text, 1, "ipxe.efi", i, &info), 0);
        assert_int_equal(fetch(big, text, 2, "ipxe.efi", i, &info), 1);
    }
    assert_int_equal(loop_detect_list(big, 5000, NULL, 0), 64);
    loop_detect_destroy(big);
    loop_detect_destroy(ld);
}

static void test_list_is_newest_first_and_bounded(void **state)
{
    loop_detect *ld = make_detector(LOOP_CLIENTS_DEFAULT, 2, 300);
    loop_info info;
    loop_info list[2];
    (void)state;
    const char *hosts[] = {"192.0.2.21", "192.0.2.22", "192.0.2.23"};
    for (unsigned h = 0; h < 3; h++) {
        fetch(ld, hosts[h], 1, "undionly.kpxe", h * 10, &info);
        fetch(ld, hosts[h], 2, "undionly.kpxe", h * 10 + 1, &info);
    }
    assert_int_equal(loop_detect_list(ld, 100, list, 2), 3);
    char host[PXB_ADDR_TEXT_MAX];
    pxb_addr_format(&list[0].client, host, sizeof host);
    assert_string_equal(host, "192.0.2.23");
    pxb_addr_format(&list[1].client, host, sizeof host);
    assert_string_equal(host, "192.0.2.22");
    loop_detect_destroy(ld);
}

static void test_files_are_bounded(void **state)
{
    loop_detect *ld = make_detector(4, 2, 300);
    loop_info info;
    char longest[LOOP_FILE_MAX + 1];
    const char *names[LOOP_FILES_MAX + 1];
    (void)state;
    memset(longest, 'a', LOOP_FILE_MAX);
    longest[LOOP_FILE_MAX] = '\0';
    names[0] = longest;
    assert_int_equal(loop_detect_set_files(ld, names, 1), -1);
    for (size_t i = 0; i <= LOOP_FILES_MAX; i++)
        names[i] = "x.efi";
    assert_int_equal(loop_detect_set_files(ld, names, LOOP_FILES_MAX + 1), -1);
    /* Refused names leave the old ones. */
    fetch(ld, "192.0.2.30", 1, "undionly.kpxe", 0, &info);
    assert_int_equal(fetch(ld, "192.0.2.30", 1, "undionly.kpxe", 1, &info), 1);
    /* An empty list: nothing is a first-stage image. */
    assert_int_equal(loop_detect_set_files(ld, names, 0), 0);
    fetch(ld, "192.0.2.31", 1, "undionly.kpxe", 2, &info);
    assert_int_equal(fetch(ld, "192.0.2.31", 1, "undionly.kpxe", 3, &info), 0);
    loop_detect_destroy(ld);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_third_download_reports_once),
        cmocka_unit_test(test_tsize_probe_and_other_events_do_not_count),
        cmocka_unit_test(test_names_match_last_component_ignoring_case),
        cmocka_unit_test(test_hosts_are_kept_apart),
        cmocka_unit_test(test_window_slides),
        cmocka_unit_test(test_quiet_window_ends_episode),
        cmocka_unit_test(test_another_image_starts_a_new_count),
        cmocka_unit_test(test_threshold_zero_is_off),
        cmocka_unit_test(test_limits_forget_only_when_changed),
        cmocka_unit_test(test_full_table_evicts_least_recent),
        cmocka_unit_test(test_list_is_newest_first_and_bounded),
        cmocka_unit_test(test_files_are_bounded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
