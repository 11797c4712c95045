/* test_ms_diff.c: unit tests for the Microsoft DHCP change list, findings and runs, against
 * an in-memory server that carries out changes the way Microsoft DHCP does (processing
 * orders renumbered on insert, move and delete): an empty server, the admin's earlier manual
 * iPXE setup (class reused, leftover scope options reported), a second apply that changes
 * nothing, drift after a manual change, removal that leaves the admin's objects, the pre-2012
 * fallback, processing order among admin policies, and a failure at the k-th change that
 * leaves the server as it was, with advice. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "fake_ms_server.h"
#include "ms_sync.h"

#define SCOPE 0x0A000000u /* 10.0.0.0 */

static const char PLAN[] = "BootServer=10.0.0.5\n";

static fake srv;
static fake_net net = {&srv, 1};
static const pxb_ms_backend BACKEND = {&net, fake_read, fake_change, fake_relationships};

static int setup(void **state)
{
    (void)state;
    fake_reset(&srv, NULL);
    pxb_ms_add_subnet(&srv.s, SCOPE);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    fake_free(&srv);
    return 0;
}

static enum pxb_dhcp_status run(enum pxb_dhcp_action action, const char *plan_text,
                                char *text, size_t len)
{
    return fake_sync(&BACKEND, action, plan_text, PXB_DHCP_WITH_PARTNERS, text, len, NULL, 0,
                     NULL);
}

static void add_class(pxb_ms_state *s, const char *name, int vendor, const char *data)
{
    pxb_ms_class *c = pxb_ms_add_class(s);

    strcpy(c->name, name);
    c->is_vendor = vendor;
    c->data_len = strlen(data);
    memcpy(c->data, data, c->data_len);
}

/* The admin's earlier manual setup: class "iPXE", policy "iPXE", scope options 066/067. */
static void seed_manual(pxb_ms_state *s)
{
    pxb_ms_values *v;

    add_class(s, "iPXE", 0, "iPXE");
    add_admin_policy(s, "iPXE", 1);
    v = pxb_ms_add_values(s);
    v->level.subnet = SCOPE;
    v->options.has[PXB_MS_OPT_066] = v->options.has[PXB_MS_OPT_067] = 1;
    strcpy(v->options.value[PXB_MS_OPT_066], "10.0.0.5");
    strcpy(v->options.value[PXB_MS_OPT_067], "undionly.kpxe");
}

static const pxb_ms_policy *find_global(const char *name)
{
    pxb_ms_level server = {1, 0};

    return pxb_ms_find_policy(&srv.s, &server, name);
}

static void test_empty_server(void **state)
{
    char text[16384];

    (void)state;
    assert_int_equal(run(PXB_DHCP_PLAN, PLAN, text, sizeof text), PXB_DHCP_CHANGES);
    assert_has(text, "+ class 'pxebridge class iPXE' (user, data 'iPXE')");
    assert_has(text, "+ policy 'pxebridge iPXE' (order 1) on server: user class EQ iPXE -> "
                     "066 10.0.0.5, 067 tftp://10.0.0.5/boot.ipxe");
    assert_true(strstr(text, "+ class") < strstr(text, "+ policy"));
    /* One policy per vendor class: no OR group (MS-DHCPM 3.2.4.109). */
    assert_has(text, "+ policy 'pxebridge x64 UEFI (arch 7)' (order 3) on server: vendor class "
                     "EQ PXEClient:Arch:00007* AND user class NE iPXE -> 066 10.0.0.5, 067 "
                     "snponly.efi");
    assert_has(text, "+ policy 'pxebridge x64 UEFI (arch 9)' (order 4) on server: vendor class "
                     "EQ PXEClient:Arch:00009* AND user class NE iPXE");
    assert_int_equal(srv.s.policy_count, 0);
    assert_int_equal(run(PXB_DHCP_APPLY, PLAN, text, sizeof text), PXB_DHCP_OK);
    assert_has(text, "applied 8 change(s)");
    assert_int_equal(find_global("pxebridge iPXE")->order, 1);
    assert_int_equal(find_global("pxebridge x64 UEFI (arch 7)")->order, 3);
    assert_int_equal(find_global("pxebridge x64 UEFI (arch 9)")->order, 4);
    assert_int_equal(run(PXB_DHCP_APPLY, PLAN, text, sizeof text), PXB_DHCP_OK);
    assert_has(text, "no changes: the server is in line");
    assert_int_equal(run(PXB_DHCP_VERIFY, PLAN, text, sizeof text), PXB_DHCP_OK);
}

static void test_manual_setup(void **state)
{
    char text[16384];
    pxb_ms_state before;

    (void)state;
    seed_manual(&srv.s);
    assert_int_equal(pxb_ms_state_copy(&before, &srv.s), 0);
    assert_int_equal(run(PXB_DHCP_APPLY, PLAN, text, sizeof text), PXB_DHCP_OK);
    assert_has(text, "note: reusing the user class 'iPXE'");
    assert_null(strstr(text, "+ class 'pxebridge class iPXE'"));
    assert_has(text, "warning: scope 10.0.0.0 has option 067 = 'undionly.kpxe'");
    assert_has(text, "Remove-DhcpServerv4OptionValue -ComputerName dhcp1 -ScopeId 10.0.0.0 "
                     "-OptionId 67");
    assert_has(text, "netsh dhcp server \\\\dhcp1 scope 10.0.0.0 delete optionvalue 67");
    assert_int_equal(find_global("pxebridge iPXE")->order, 1);
    assert_int_equal(find_global("iPXE")->order, 5);
    assert_int_equal(run(PXB_DHCP_PLAN, PLAN, text, sizeof text), PXB_DHCP_OK);
    assert_int_equal(run(PXB_DHCP_REMOVE, PLAN, text, sizeof text), PXB_DHCP_OK);
    assert_has(text, "- policy 'pxebridge iPXE'");
    assert_null(strstr(text, "- class 'iPXE'"));
    assert_same_state(&before, &srv.s);
    assert_same_state(&srv.s, &before);
    pxb_ms_state_free(&before);
}

static void test_drift(void **state)
{
    char text[16384];
    pxb_ms_level server = {1, 0};
    pxb_ms_policy *p;

    (void)state;
    assert_int_equal(run(PXB_DHCP_APPLY, PLAN, text, sizeof text), PXB_DHCP_OK);
    p = pxb_ms_find_policy(&srv.s, &server, "pxebridge x86 BIOS");
    strcpy(p->options.value[PXB_MS_OPT_067], "pxelinux.0");
    p->enabled = 0;
    strcpy(p->description, "[pxebridge] edited by hand");
    assert_int_equal(run(PXB_DHCP_VERIFY, PLAN, text, sizeof text), PXB_DHCP_CHANGES);
    /* One DhcpV4SetPolicy field per change (the fake refuses more, as 3.2.4.111 reads). */
    assert_has(text, "~ policy 'pxebridge x86 BIOS' on server: description '[pxebridge] "
                     "edited by hand'");
    assert_has(text, "~ policy 'pxebridge x86 BIOS' on server: enabled again");
    assert_has(text, "~ option 067 'pxelinux.0' -> 'undionly.kpxe' on policy "
                     "'pxebridge x86 BIOS' (server)");
    assert_has(text, "drift: 3 difference(s)");
    assert_int_equal(run(PXB_DHCP_APPLY, PLAN, text, sizeof text), PXB_DHCP_OK);
    assert_int_equal(run(PXB_DHCP_VERIFY, PLAN, text, sizeof text), PXB_DHCP_OK);
}

static void test_order_among_admin_policies(void **state)
{
    char text[16384];
    pxb_ms_level server = {1, 0};

    (void)state;
    add_class(&srv.s, "iPXE", 0, "iPXE");
    add_admin_policy(&srv.s, "admin A", 1);
    add_admin_policy(&srv.s, "admin B", 2);
    assert_int_equal(run(PXB_DHCP_APPLY, PLAN, text, sizeof text), PXB_DHCP_OK);
    assert_int_equal(find_global("admin A")->order, 5);
    assert_int_equal(find_global("admin B")->order, 6);
    /* The admin moves pxebridge's iPXE policy last: drift, repaired by one move. */
    pxb_ms_find_policy(&srv.s, &server, "pxebridge iPXE")->order = 0;
    pxb_ms_order_remove(&srv.s, &server, 1);
    pxb_ms_find_policy(&srv.s, &server, "pxebridge iPXE")->order = 6;
    assert_int_equal(run(PXB_DHCP_VERIFY, PLAN, text, sizeof text), PXB_DHCP_CHANGES);
    assert_has(text, "~ policy 'pxebridge iPXE' on server: order 6 -> 1");
    assert_int_equal(run(PXB_DHCP_APPLY, PLAN, text, sizeof text), PXB_DHCP_OK);
    assert_int_equal(find_global("pxebridge iPXE")->order, 1);
    assert_int_equal(find_global("admin A")->order, 5);
}

static void test_shadowing_scope_policy(void **state)
{
    char text[16384];

    (void)state;
    add_admin_policy(&srv.s, "scope boot", 1);
    srv.s.policies[0].level.global = 0;
    srv.s.policies[0].level.subnet = SCOPE;
    add_class(&srv.s, "iPXE", 0, "iPXE");
    assert_int_equal(run(PXB_DHCP_PLAN, PLAN, text, sizeof text), PXB_DHCP_CHANGES);
    assert_has(text, "warning: policy 'scope boot' on scope 10.0.0.0 (order 1, not "
                     "pxebridge's) sets boot options and is processed before");
}

static void test_fallback(void **state)
{
    char text[16384];

    (void)state;
    srv.s.has_policies = 0;
    srv.s.major = 6;
    srv.s.minor = 1;
    assert_int_equal(run(PXB_DHCP_APPLY, PLAN, text, sizeof text), PXB_DHCP_OK);
    assert_has(text, "no policies: user-class fallback");
    assert_has(text, "+ option 067 = 'undionly.kpxe' on server, for every client");
    assert_has(text, "+ option 067 = 'tftp://10.0.0.5/boot.ipxe' for user class "
                     "'pxebridge class iPXE' on server");
    assert_has(text, "not served on this server: x64 UEFI (snponly.efi)");
    assert_int_equal(srv.s.policy_count, 0);
    assert_int_equal(run(PXB_DHCP_VERIFY, PLAN, text, sizeof text), PXB_DHCP_OK);
    assert_int_equal(run(PXB_DHCP_REMOVE, PLAN, text, sizeof text), PXB_DHCP_OK);
    assert_int_equal(srv.s.class_count, 0);
    assert_false(srv.s.values[0].options.has[PXB_MS_OPT_067]);
}

static void test_remove_keeps_class_in_use(void **state)
{
    char text[16384];

    (void)state;
    assert_int_equal(run(PXB_DHCP_APPLY, PLAN, text, sizeof text), PXB_DHCP_OK);
    add_admin_policy(&srv.s, "admin uses our class", 4);
    assert_int_equal(run(PXB_DHCP_REMOVE, PLAN, text, sizeof text), PXB_DHCP_OK);
    assert_has(text, "note: class 'pxebridge class iPXE' stays: policy 'admin uses our class'");
    assert_non_null(pxb_ms_find_class(&srv.s, PXB_IPXE_CLASS_NAME));
    assert_null(pxb_ms_find_class(&srv.s, "pxebridge class PXEClient:Arch:00007"));
    assert_int_equal(find_global("admin uses our class")->order, 1);
}

static void test_fault_undoes(void **state)
{
    static const unsigned long CODES[] = {5, 1722, 1753, 20105};
    static const char *const ADVICE[] = {"'DHCP Administrators'", "firewall",
                                         "Start-Service DHCPServer",
                                         "ERROR_DHCP_POLICY_EXISTS"};
    char text[16384];
    pxb_ms_state before;

    (void)state;
    seed_manual(&srv.s);
    assert_int_equal(pxb_ms_state_copy(&before, &srv.s), 0);
    for (size_t k = 1; k <= 12; k++) {
        /* The second round on a server that renumbers nothing on delete: the admin's
         * policy, moved down by the creates, gets its order back after the undo. */
        srv.strict = k > 6;
        srv.writes = 0;
        srv.fail_at = (k - 1) % 6 + 1;
        srv.fail_code = CODES[k % 4];
        assert_int_equal(run(PXB_DHCP_APPLY, PLAN, text, sizeof text), PXB_DHCP_FAILED);
        assert_has(text, ADVICE[k % 4]);
        assert_has(text, "on dhcp1 failed with");
        if (srv.fail_at > 1)
            assert_has(text, "the server is as it was");
        assert_same_state(&before, &srv.s);
        assert_same_state(&srv.s, &before);
    }
    pxb_ms_state_free(&before);
}

static void test_blocked_by_admin_policy_name(void **state)
{
    char text[16384];

    (void)state;
    add_admin_policy(&srv.s, "pxebridge iPXE", 1);
    assert_int_equal(run(PXB_DHCP_APPLY, PLAN, text, sizeof text), PXB_DHCP_FAILED);
    assert_has(text, "blocked: policy 'pxebridge iPXE' on server exists but is not");
    assert_int_equal(srv.s.policy_count, 1);
    assert_int_equal(run(PXB_DHCP_APPLY, "BootServer=10.0.0.5\nScopes=10.9.0.0/16\n", text,
                         sizeof text), PXB_DHCP_FAILED);
    assert_has(text, "scope 10.9.0.0/16 (in Scopes) does not exist");
}

/* A policy whose one condition is EQ to our class's data is bound to it (3.2.4.109) and
 * would go with it (3.2.4.27), whatever the condition's option: the class stays. */
static void test_remove_keeps_class_with_bound_policy(void **state)
{
    char text[16384];

    (void)state;
    assert_int_equal(run(PXB_DHCP_APPLY, PLAN, text, sizeof text), PXB_DHCP_OK);
    add_admin_policy(&srv.s, "admin client id", 5);
    srv.s.policies[srv.s.policy_count - 1].conds[0].option = 61;
    srv.s.policies[srv.s.policy_count - 1].conds[0].op = PXB_MS_EQ;
    assert_int_equal(run(PXB_DHCP_REMOVE, PLAN, text, sizeof text), PXB_DHCP_OK);
    assert_has(text, "note: class 'pxebridge class iPXE' stays: policy 'admin client id'");
    assert_non_null(find_global("admin client id"));
}

static void test_class_data_unique_across_kinds(void **state)
{
    char text[16384];

    (void)state;
    add_class(&srv.s, "vendor iPXE", 1, "iPXE");
    assert_int_equal(run(PXB_DHCP_PLAN, PLAN, text, sizeof text), PXB_DHCP_FAILED);
    assert_has(text, "the vendor class 'vendor iPXE' has the data 'iPXE'");
    assert_has(text, "unique among all classes");
    assert_int_equal(srv.s.class_count, 1);
}

static void test_legacy_classed_values_reported(void **state)
{
    char text[16384];
    pxb_ms_values *v;

    (void)state;
    add_class(&srv.s, "iPXE clients", 0, "iPXE");
    v = pxb_ms_add_values(&srv.s);
    v->level.subnet = SCOPE;
    strcpy(v->class_name, "iPXE clients");
    v->options.has[PXB_MS_OPT_067] = 1;
    strcpy(v->options.value[PXB_MS_OPT_067], "http://10.0.0.1/boot.ipxe");
    assert_int_equal(run(PXB_DHCP_PLAN, PLAN, text, sizeof text), PXB_DHCP_CHANGES);
    assert_has(text, "warning: scope 10.0.0.0 has option 067 = 'http://10.0.0.1/boot.ipxe' "
                     "for user class 'iPXE clients'");
    assert_has(text, "Remove-DhcpServerv4OptionValue -ComputerName dhcp1 -ScopeId 10.0.0.0 "
                     "-OptionId 67 -UserClass 'iPXE clients'");
    assert_has(text, "netsh dhcp server \\\\dhcp1 scope 10.0.0.0 delete optionvalue 67 "
                     "user=\"iPXE clients\"");
}

static void test_opt60_wrong_type(void **state)
{
    static const char HTTP_PLAN[] = "BootServer=10.0.0.5\nHttpBootX64Url=http://10.0.0.5/x.efi\n";
    char text[16384];

    (void)state;
    srv.s.has_opt60 = 1;
    srv.s.opt60_wrong_type = 1;
    assert_int_equal(run(PXB_DHCP_PLAN, PLAN, text, sizeof text), PXB_DHCP_CHANGES);
    assert_has(text, "warning: option 060 is defined on the server, but not as one string");
    assert_int_equal(run(PXB_DHCP_APPLY, HTTP_PLAN, text, sizeof text), PXB_DHCP_FAILED);
    assert_has(text, "blocked: option 060 is defined on the server, but not as one string");
    assert_has(text, "Remove-DhcpServerv4OptionDefinition -ComputerName dhcp1 -OptionId 60");
    assert_int_equal(srv.s.policy_count, 0);
}

/* A server set up by an earlier pxebridge: one x64 UEFI policy with an OR of two vendor
 * classes. apply replaces it by one policy per architecture in the same place. */
static void test_upgrades_or_policy(void **state)
{
    char text[16384];
    pxb_ms_level server = {1, 0};
    pxb_ms_policy *p;

    (void)state;
    assert_int_equal(run(PXB_DHCP_APPLY, PLAN, text, sizeof text), PXB_DHCP_OK);
    drop_policy(&srv.s, pxb_ms_find_policy(&srv.s, &server, "pxebridge x64 UEFI (arch 9)"), 0);
    p = pxb_ms_find_policy(&srv.s, &server, "pxebridge x64 UEFI (arch 7)");
    strcpy(p->name, "pxebridge x64 UEFI");
    p->expr_count = 2;
    p->exprs[1].op = PXB_MS_OR;
    p->cond_count = 3;
    p->conds[0].parent = p->conds[2].parent = 1;
    p->conds[2].op = PXB_MS_BEGINS;
    memcpy(p->conds[2].value, "PXEClient:Arch:00009", 20);
    p->conds[2].value_len = 20;
    assert_int_equal(run(PXB_DHCP_APPLY, PLAN, text, sizeof text), PXB_DHCP_OK);
    assert_has(text, "- policy 'pxebridge x64 UEFI' (order 3)");
    assert_has(text, "+ policy 'pxebridge x64 UEFI (arch 7)' (order 3)");
    assert_has(text, "+ policy 'pxebridge x64 UEFI (arch 9)' (order 4)");
    assert_int_equal(run(PXB_DHCP_VERIFY, PLAN, text, sizeof text), PXB_DHCP_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_empty_server, setup, teardown),
        cmocka_unit_test_setup_teardown(test_manual_setup, setup, teardown),
        cmocka_unit_test_setup_teardown(test_drift, setup, teardown),
        cmocka_unit_test_setup_teardown(test_order_among_admin_policies, setup, teardown),
        cmocka_unit_test_setup_teardown(test_shadowing_scope_policy, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fallback, setup, teardown),
        cmocka_unit_test_setup_teardown(test_remove_keeps_class_in_use, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fault_undoes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_blocked_by_admin_policy_name, setup, teardown),
        cmocka_unit_test_setup_teardown(test_remove_keeps_class_with_bound_policy, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_class_data_unique_across_kinds, setup, teardown),
        cmocka_unit_test_setup_teardown(test_legacy_classed_values_reported, setup, teardown),
        cmocka_unit_test_setup_teardown(test_opt60_wrong_type, setup, teardown),
        cmocka_unit_test_setup_teardown(test_upgrades_or_policy, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
