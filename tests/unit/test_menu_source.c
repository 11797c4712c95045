/* test_menu_source.c: unit tests for the menus' source (menu_source.h): the base URL from
 * HttpPort, HttpTls and HttpUrlPrefix or TFTP's, and the description of what the menus
 * offer of WinPE that the log and explain print (over HTTP; over TFTP with its cost; none). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "menu_source.h"
#include "winpe_fixture.h"

static void test_base_and_description(void **state)
{
    pxb_boot_plan plan;
    pxb_winpe_catalog cat;
    pxb_menu_source src;
    pxb_menu_http http = {8080, 0, "/pxb/"};
    char text[512];

    (void)state;
    pxb_plan_defaults(&plan);
    plan.server = 0x0a000005;
    memset(&cat, 0, sizeof cat);
    pxb_menu_source_init(&src, &plan, &cat, &http);
    assert_string_equal(src.base, "http://10.0.0.5:8080/pxb/");
    assert_string_equal(pxb_menu_source_protocol(&src), "HTTP");
    pxb_menu_source_describe(&src, text, sizeof text);
    assert_string_equal(text, "no WinPE images (pxebridge winpe add)");

    fixture_add(&cat, "pe64", PXB_WINPE_X64, 1, "boot.wim");
    fixture_add(&cat, "pe-arm", PXB_WINPE_ARM64, 2, "boot.wim");
    pxb_menu_source_describe(&src, text, sizeof text);
    assert_string_equal(text, "2 WinPE images over HTTP from http://10.0.0.5:8080/pxb/: pe64 "
                              "(x64), pe-arm (arm64, index 2)");

    http.port = 0;
    pxb_menu_source_init(&src, &plan, &cat, &http);
    assert_string_equal(src.base, "tftp://10.0.0.5/");
    size_t need = pxb_menu_source_describe(&src, text, sizeof text);
    assert_int_equal(need, strlen(text));
    if (strstr(text, "over TFTP from tftp://10.0.0.5/: pe64") == NULL ||
        strstr(text, "lock-step TFTP takes minutes for a WIM of hundreds of MB: set HttpPort") ==
            NULL)
        fail_msg("'%s'", text);
    pxb_menu_source_init(&src, &plan, &cat, NULL);
    assert_string_equal(src.base, "tftp://10.0.0.5/");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_base_and_description),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
