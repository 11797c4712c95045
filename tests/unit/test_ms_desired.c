/* test_ms_desired.c: unit tests for the Microsoft DHCP objects derived from the boot plan:
 * classes (and reuse of the admin's class with data iPXE), policies in loop-safe order with
 * their conditions and options at server level and per scope, MAC exclusions, HTTP boot
 * with option 060, embedded-script mode and the pre-2012 user-class fallback. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "ms_desired.h"
#include "ms_policy_set.h"

static void load(pxb_boot_plan *plan, const char *text)
{
    pxb_error err = {0};

    if (pxb_plan_parse(text, plan, &err) != 0)
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
    /* iPXE, BIOS, and x64 UEFI as one policy per vendor class (arch 7, arch 9). */
    assert_int_equal(want.policy_count, 4);
    p = policy(&want, 0);
    assert_string_equal(p->name, "pxebridge iPXE");
    assert_int_equal(p->order, 1);
    assert_true(p->level.global);
    assert_int_equal(p->expr_count, 2);
    assert_int_equal(p->cond_count, 1);
    assert_int_equal(p->conds[0].parent, 1);
    assert_int_equal(p->conds[0].option, 77);
    assert_int_equal(p->conds[0].op, PXB_MS_EQ);
    assert_string_equal(p->options.value[PXB_MS_OPT_067], "tftp://10.0.0.5/boot.ipxe");
    assert_string_equal(p->options.value[PXB_MS_OPT_066], "10.0.0.5");
    assert_true(pxb_ms_owned(p->description));
    p = policy(&want, 2);
    assert_string_equal(p->name, "pxebridge x64 UEFI (arch 7)");
    assert_int_equal(p->order, 3);
    assert_string_equal(p->description,
                        "[pxebridge] x64 UEFI (arch 7), not iPXE -> snponly.efi from 10.0.0.5");
    assert_int_equal(p->expr_count, 3);
    assert_int_equal(p->cond_count, 2);
    assert_int_equal(p->conds[0].parent, 1);
    assert_int_equal(p->conds[0].op, PXB_MS_BEGINS);
    assert_memory_equal(p->conds[0].value, "PXEClient:Arch:00007", 20);
    assert_int_equal(p->conds[1].parent, 2);
    assert_int_equal(p->conds[1].option, 77);
    assert_int_equal(p->conds[1].op, PXB_MS_NE);
    assert_string_equal(p->options.value[PXB_MS_OPT_067], "snponly.efi");
    p = policy(&want, 3);
    assert_string_equal(p->name, "pxebridge x64 UEFI (arch 9)");
    assert_int_equal(p->order, 4);
    assert_memory_equal(p->conds[0].value, "PXEClient:Arch:00009", 20);
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
    assert_int_equal(want.policy_count, 8);
    p = policy(&want, 4);
    assert_false(p->level.global);
    assert_int_equal(p->level.subnet, 0x0A010000u);
    assert_string_equal(p->name, "pxebridge iPXE");
    assert_int_equal(p->cond_count, 2);
    assert_int_equal(p->conds[1].parent, 2);
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
    p = policy(&want, 3);
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

static int negative(enum pxb_ms_cmp op)
{
    return op == PXB_MS_NE || op == PXB_MS_NOT_BEGINS || op == PXB_MS_NOT_ENDS;
}

/* Every reading of MS-DHCPM 3.2.4.109 / 3.2.4.111 (notes <75>-<78>, <84>, <85>): each
 * expression's parent is the root, every expression after the first is AND, every condition
 * hangs under a sub-expression, and conditions sharing a parent share type, option,
 * sub-option, vendor space and polarity. */
static void assert_valid_tree(const pxb_ms_policy *p)
{
    assert_true(p->expr_count >= 2);
    for (size_t e = 0; e < p->expr_count; e++) {
        assert_int_equal(p->exprs[e].parent, 0);
        if (e > 0)
            assert_int_equal(p->exprs[e].op, PXB_MS_AND);
    }
    for (size_t i = 0; i < p->cond_count; i++) {
        const pxb_ms_cond *a = &p->conds[i];
        assert_true(a->parent >= 1 && a->parent < p->expr_count);
        for (size_t j = 0; j < p->cond_count; j++) {
            const pxb_ms_cond *b = &p->conds[j];
            if (b->parent != a->parent)
                continue;
            assert_int_equal(a->type, b->type);
            assert_int_equal(a->option, b->option);
            assert_int_equal(a->suboption, b->suboption);
            assert_string_equal(a->vendor, b->vendor);
            assert_int_equal(negative(a->op), negative(b->op));
            /* Read literally, the 2012 notes <77>/<78> refuse even same-polarity siblings:
             * every condition has a group of its own. */
            assert_int_equal(i, j);
        }
    }
}

static size_t count_chars(const char *s)
{
    size_t n = 0;

    for (; *s != '\0'; s++)
        n += ((unsigned char)*s & 0xC0u) != 0x80u;
    return n;
}

static void test_every_tree_valid(void **state)
{
    pxb_boot_plan plan;
    pxb_ms_state have, want;
    char text[2048], url[231];

    (void)state;
    memset(url, 'a', sizeof url - 1);
    url[sizeof url - 1] = '\0';
    snprintf(text, sizeof text, "BootServer=10.0.0.5\nUefiIa32File=i.efi\nUefiArm64File=a.efi\n"
             "HttpBootX64Url=http://10.0.0.5/%s.efi\nScriptUrl=http://10.0.0.5/%s.ipxe\n"
             "ExcludeMacs=00:11:22:33:44:55,66:77:88:99:aa:bb\nScopes=10.0.0.0/24\n", url, url);
    load(&plan, text);
    new_server(&have, 1);
    assert_int_equal(pxb_ms_desire(&plan, &have, &want), 0);
    assert_int_equal(want.policy_count, 7);
    for (size_t i = 0; i < want.policy_count; i++) {
        const pxb_ms_policy *p = policy(&want, i);
        assert_int_equal(p->order, i + 1);
        assert_valid_tree(p);
        /* DHCP_POLICY.Description: at most 255 characters (2.2.1.2.110). */
        assert_true(count_chars(p->description) <= 255);
        assert_true(pxb_ms_owned(p->description));
        for (size_t k = 0; k < p->cond_count; k++)
            if (p->conds[k].option == 60)
                assert_int_equal(p->conds[k].op, PXB_MS_BEGINS);
    }
    assert_string_equal(policy(&want, 0)->name, "pxebridge iPXE");
    /* The root, user class EQ iPXE, and one group for each of the two excluded MACs. */
    assert_int_equal(policy(&want, 0)->expr_count, 4);
    pxb_ms_state_free(&want);
}

static void test_clip_chars(void **state)
{
    char text[64];

    (void)state;
    strcpy(text, "short");
    pxb_ms_clip_chars(text, 10);
    assert_string_equal(text, "short");
    strcpy(text, "\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4");
    pxb_ms_clip_chars(text, 5);
    assert_string_equal(text, "\xc3\xa4\xc3\xa4...");
}

/* A site's scope (ScopeBootServers): 066, the 067 script URL and the descriptions name its
 * boot server; the other scope's name BootServer. */
static const char SITES_PLAN[] = "BootServer=10.0.0.5\nScopes=10.1.0.0/24 10.2.0.0/24\n"
                                 "ScopeBootServers=10.2.0.0/24=10.2.0.5\n";

static void test_sites(void **state)
{
    pxb_boot_plan plan;
    pxb_ms_state have, want;
    const pxb_ms_policy *p;

    (void)state;
    load(&plan, SITES_PLAN);
    new_server(&have, 1);
    assert_int_equal(pxb_ms_desire(&plan, &have, &want), 0);
    assert_int_equal(want.class_count, 4);
    assert_int_equal(want.policy_count, 8);
    for (size_t i = 0; i < want.policy_count; i++) {
        p = policy(&want, i);
        const char *server = i < 4 ? "10.0.0.5" : "10.2.0.5";
        assert_int_equal(p->level.subnet, i < 4 ? 0x0A010000u : 0x0A020000u);
        assert_int_equal(p->order, i % 4 + 1);
        assert_string_equal(p->options.value[PXB_MS_OPT_066], server);
        assert_non_null(strstr(p->description, server));
        assert_true(count_chars(p->description) <= PXB_MS_DESCR_CHARS);
    }
    assert_string_equal(policy(&want, 0)->options.value[PXB_MS_OPT_067],
                        "tftp://10.0.0.5/boot.ipxe");
    p = policy(&want, 4);
    assert_string_equal(p->name, "pxebridge iPXE");
    assert_string_equal(p->options.value[PXB_MS_OPT_067], "tftp://10.2.0.5/boot.ipxe");
    assert_string_equal(p->description,
                        "[pxebridge] user class is 'iPXE' -> boot script tftp://10.2.0.5/boot.ipxe");
    p = policy(&want, 6);
    assert_string_equal(p->description,
                        "[pxebridge] x64 UEFI (arch 7), not iPXE -> snponly.efi from 10.2.0.5");
    assert_string_equal(p->options.value[PXB_MS_OPT_067], "snponly.efi");
    pxb_ms_state_free(&want);
    /* without policies: the fallback's 066 and iPXE script per scope */
    new_server(&have, 0);
    assert_int_equal(pxb_ms_desire(&plan, &have, &want), 0);
    assert_int_equal(want.value_count, 4);
    assert_string_equal(want.values[0].options.value[PXB_MS_OPT_066], "10.0.0.5");
    assert_string_equal(want.values[1].options.value[PXB_MS_OPT_067],
                        "tftp://10.0.0.5/boot.ipxe");
    assert_int_equal(want.values[2].level.subnet, 0x0A020000u);
    assert_string_equal(want.values[2].options.value[PXB_MS_OPT_066], "10.2.0.5");
    assert_string_equal(want.values[2].options.value[PXB_MS_OPT_067], "undionly.kpxe");
    assert_string_equal(want.values[3].options.value[PXB_MS_OPT_067],
                        "tftp://10.2.0.5/boot.ipxe");
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
        cmocka_unit_test(test_every_tree_valid),
        cmocka_unit_test(test_clip_chars),
        cmocka_unit_test(test_sites),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
