/* test_status_report.c: unit tests for the status document's proxyDHCP and WinPE parts
 * (status_report.c): "proxy_dhcp" holds the mode, the sockets open and one counter per
 * verdict under the verdict's name, each with its own count; "winpe" the runtime's text of
 * what the boot menus offer of WinPE. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "status_doc.h"

static void test_proxy_part(void **state)
{
    (void)state;
    static pxb_runtime_status rt;
    http_stats h;
    pxb_json j;
    memset(&rt, 0, sizeof rt);
    memset(&h, 0, sizeof h);
    snprintf(rt.proxy.mode, sizeof rt.proxy.mode, "on");
    rt.proxy.listeners = 4;
    for (int v = 0; v < PXB_PROXY_VERDICTS; v++)
        rt.proxy.verdict[v] = 100 + (uint64_t)v;
    pxb_service_status st = {"running", 0, 0, &rt, NULL, 0, &h};
    pxb_jvalue *doc = status_doc(&st, &j);
    assert_non_null(doc);
    const pxb_jvalue *proxy = pxb_json_get(doc, "proxy_dhcp");
    assert_non_null(proxy);
    assert_string_equal(pxb_json_get_text(proxy, "mode", "?"), "on");
    assert_int_equal(pxb_json_get_int(proxy, "listeners", -1), 4);
    const pxb_jvalue *counters = pxb_json_get(proxy, "counters");
    assert_non_null(counters);
    assert_int_equal(counters->count, PXB_PROXY_VERDICTS);
    const char *names[] = {"offered", "acked", "malformed", "not_pxe", "not_for_port",
                           "excluded", "out_of_scope", "no_rule", "flooded"};
    for (int v = 0; v < PXB_PROXY_VERDICTS; v++)
        assert_int_equal(pxb_json_get_int(counters, names[v], -1), 100 + v);
    pxb_json_release(doc);
    pxb_json_free(&j);
}

/* "winpe": the runtime's description of what the menus offer of WinPE, as it is. */
static void test_winpe_part(void **state)
{
    (void)state;
    pxb_runtime_status rt;
    http_stats h;
    pxb_json j;
    memset(&rt, 0, sizeof rt);
    memset(&h, 0, sizeof h);
    snprintf(rt.winpe, sizeof rt.winpe, "1 WinPE image over HTTP from http://10.0.0.5:8080/pxb/: "
             "pe64 (x64)");
    pxb_service_status st = {"running", 0, 0, &rt, NULL, 0, &h};
    pxb_jvalue *doc = status_doc(&st, &j);
    assert_non_null(doc);
    assert_string_equal(pxb_json_get_text(doc, "winpe", "?"),
                        "1 WinPE image over HTTP from http://10.0.0.5:8080/pxb/: pe64 (x64)");
    pxb_json_release(doc);
    pxb_json_free(&j);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_proxy_part),
        cmocka_unit_test(test_winpe_part),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
