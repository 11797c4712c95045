/* test_ms_desired.c: unit tests for the Microsoft DHCP objects derived from the boot plan:
 * classes (and reuse of the admin's class with data iPXE), policies in loop-safe order with
 * their conditions and options at server level and per scope, MAC exclusions, HTTP boot
 * with option 060, embedded-script mode and the pre-2012 user-class fallback. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "ms_desired.h"

static void load(pxb_boot_plan *plan, const char *text)
{
    char err[512];

    if (pxb_plan_parse(text, plan, err, sizeof err) != 0)
        fail_msg("parse failed: %s", err);
}

static void new_server(pxb_ms_state *s, int policies)
{
    pxb_ms_state_init(s);
    s->major = policies ? 10 : 6;
    s->minor = policies ? 0 : 1;
    s->has_policies = policies;
}

static const pxb_ms_policy *policy(const pxb_ms_state *s, size_t i)
{
    assert_true(i < s->policy_count);
    return &s->policies[i];
}

static void test_server_level(void **state)
{
    pxb_boot_plan plan;
    pxb_ms_state have, want;
    const pxb_ms_policy *p;

    (void)state;
    load(&plan, "BootServer=10.0.0.5\n");
    new_server(&have, 1);
    assert_int_equal(pxb_ms_desire(&plan, &have, &want), 0);
    assert_int_equal(want.class_count, 4);
    assert_string_equal(want.classes[0].name, PXB_IPXE_CLASS_NAME);
    assert_false(want.classes[0].is_vendor);
    assert_true(pxb_ms_owned(want.classes[0].comment));
    assert_non_null(pxb_ms_find_class_data(&want, 1, "PXEClient:Arch:00007", 20));
    assert_int_equal(want.policy_count, 3);
    p = policy(&want, 0);
    assert_string_equal(p->name, "pxebridge iPXE");
    assert_int_equal(p->order, 1);
    assert_true(p->level.global);
    assert_int_equal(p->cond_count, 1);
    assert_int_equal(p->conds[0].option, 77);
    assert_int_equal(p->conds[0].op, PXB_MS_EQ);
    assert_string_equal(p->options.value[PXB_MS_OPT_067], "tftp://10.0.0.5/boot.ipxe");
    assert_string_equal(p->options.value[PXB_MS_OPT_066], "10.0.0.5");
    assert_true(pxb_ms_owned(p->description));
    p = policy(&want, 2);
    assert_string_equal(p->name, "pxebridge x64 UEFI");
    assert_int_equal(p->order, 3);
    assert_int_equal(p->expr_count, 2);
    assert_int_equal(p->exprs[1].op, PXB_MS_OR);
    assert_int_equal(p->cond_count, 3);
    assert_int_equal(p->conds[0].parent, 1);
    assert_int_equal(p->conds[0].op, PXB_MS_BEGINS);
    assert_int_equal(p->conds[2].option, 77);
    assert_int_equal(p->conds[2].op, PXB_MS_NE);
    assert_string_equal(p->options.value[PXB_MS_OPT_067], "snponly.efi");
    assert_false(want.has_opt60);
    pxb_ms_state_free(&want);
}

static void test_reuses_admin_class(void **state)
{
    pxb_boot_plan plan;
    pxb_ms_state have, want;
    pxb_ms_class *c;

    (void)state;
    load(&plan, "BootServer=10.0.0.5\n");
    new_server(&have, 1);
    c = pxb_ms_add_class(&have);
    strcpy(c->name, "iPXE clients");
    memcpy(c->data, "iPXE", 4);
    c->data_len = 4;
    assert_int_equal(pxb_ms_desire(&plan, &have, &want), 0);
    assert_string_equal(want.classes[0].name, "iPXE clients");
    assert_null(pxb_ms_find_class(&want, PXB_IPXE_CLASS_NAME));
    pxb_ms_state_free(&want);
    pxb_ms_state_free(&have);
}

static void test_scopes_and_macs(void **state)
{
    pxb_boot_plan plan;
    pxb_ms_state have, want;
    const pxb_ms_policy *p;

    (void)state;
    load(&plan, "BootServer=10.0.0.5\nScopes=10.0.0.0/24,10.1.0.0/16\n"
                "ExcludeMacs=00:11:22:33:44:55\n");
    new_server(&have, 1);
    assert_int_equal(pxb_ms_desire(&plan, &have, &want), 0);
    assert_int_equal(want.policy_count, 6);
    p = policy(&want, 3);
    assert_false(p->level.global);
    assert_int_equal(p->level.subnet, 0x0A010000u);
    assert_string_equal(p->name, "pxebridge iPXE");
    assert_int_equal(p->cond_count, 2);
    assert_int_equal(p->conds[1].type, PXB_MS_ATTR_HWADDR);
    assert_int_equal(p->conds[1].op, PXB_MS_NE);
    assert_int_equal(p->conds[1].value_len, 6);
    assert_int_equal(p->conds[1].value[5], 0x55);
    pxb_ms_state_free(&want);
}

static void test_http_and_embedded(void **state)
{
    pxb_boot_plan plan;
    pxb_ms_state have, want;
    const pxb_ms_policy *p;

    (void)state;
    load(&plan, "BootServer=10.0.0.5\nEmbeddedScript=1\nHttpBootX64Url=http://10.0.0.5/x.efi\n");
    new_server(&have, 1);
    assert_int_equal(pxb_ms_desire(&plan, &have, &want), 0);
    assert_true(want.has_opt60);
    p = policy(&want, 0);
    assert_string_equal(p->name, "pxebridge x86 BIOS");
    assert_int_equal(p->order, 1);
    p = policy(&want, 2);
    assert_string_equal(p->name, "pxebridge x64 UEFI HTTP");
    assert_false(p->options.has[PXB_MS_OPT_066]);
    assert_string_equal(p->options.value[PXB_MS_OPT_060], "HTTPClient");
    assert_string_equal(p->options.value[PXB_MS_OPT_067], "http://10.0.0.5/x.efi");
    pxb_ms_state_free(&want);
}

static void test_fallback(void **state)
{
    pxb_boot_plan plan;
    pxb_ms_state have, want;

    (void)state;
    load(&plan, "BootServer=10.0.0.5\nScopes=10.0.0.0/24\n");
    new_server(&have, 0);
    assert_int_equal(pxb_ms_desire(&plan, &have, &want), 0);
    assert_int_equal(want.policy_count, 0);
    assert_int_equal(want.class_count, 1);
    assert_int_equal(want.value_count, 2);
    assert_string_equal(want.values[0].class_name, "");
    assert_false(want.values[0].level.global);
    assert_string_equal(want.values[0].options.value[PXB_MS_OPT_066], "10.0.0.5");
    assert_string_equal(want.values[0].options.value[PXB_MS_OPT_067], "undionly.kpxe");
    assert_string_equal(want.values[1].class_name, PXB_IPXE_CLASS_NAME);
    assert_string_equal(want.values[1].options.value[PXB_MS_OPT_067],
                        "tftp://10.0.0.5/boot.ipxe");
    assert_false(want.values[1].options.has[PXB_MS_OPT_066]);
    pxb_ms_state_free(&want);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_server_level),
        cmocka_unit_test(test_reuses_admin_class),
        cmocka_unit_test(test_scopes_and_macs),
        cmocka_unit_test(test_http_and_embedded),
        cmocka_unit_test(test_fallback),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
