/* test_ms_proxy.c: unit tests for what the boot plan's ProxyDhcp setting means on a Microsoft
 * DHCP server, against the in-memory server of fake_ms_server.h (which, as MS-DHCPM 3.2.4.20
 * says, takes no value of option 060 outside policies before 060 is defined): in mode 4011
 * apply defines 060 and sets 060 'PXEClient' at the plan's levels after the policies, verify
 * reports it missing, remove takes the value and pxebridge's definition away (an admin's
 * definition stays); modes off and on set nothing of it. The findings: 060 PXEClient where
 * nothing of pxebridge answers on port 4011, scope or server options that win over or add to
 * pxebridge's policies by Microsoft's precedence, and ProxyDhcp=on while the server hands
 * PXE clients a boot file too; each with the command that fixes it, in text and JSON. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "fake_ms_server.h"
#include "ms_sync.h"

#define SCOPE 0x0A000000u       /* 10.0.0.0 */
#define OTHER_SCOPE 0x0A010000u /* 10.1.0.0 */

static const char PLAN_OFF[] = "BootServer=10.0.0.5\n";
static const char PLAN_ON[] = "BootServer=10.0.0.5\nProxyDhcp=on\n";
static const char PLAN_4011[] = "BootServer=10.0.0.5\nProxyDhcp=4011\n";
static const char PLAN_4011_SCOPE[] = "BootServer=10.0.0.5\nProxyDhcp=4011\n"
                                      "Scopes=10.0.0.0/16\n";
static const char PLAN_SCOPE[] = "BootServer=10.0.0.5\nScopes=10.0.0.0/16\n";

static fake srv;
static fake_net net = {&srv, 1};
static const pxb_ms_backend BACKEND = {&net, fake_read, fake_change, fake_relationships};
static char text[32768], json[32768];
static size_t warnings; /* the last run's */

static int setup(void **state)
{
    (void)state;
    fake_reset(&srv, NULL);
    pxb_ms_add_subnet(&srv.s, SCOPE);
    pxb_ms_add_subnet(&srv.s, OTHER_SCOPE);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    fake_free(&srv);
    return 0;
}

/* Runs action with the plan; the report's text and JSON go to text and json. */
static enum pxb_dhcp_status run(enum pxb_dhcp_action action, const char *plan_text)
{
    return fake_sync(&BACKEND, action, plan_text, PXB_DHCP_WITH_PARTNERS, text, sizeof text,
                     json, sizeof json, &warnings);
}

static void assert_lacks(const char *haystack, const char *unwanted)
{
    if (strstr(haystack, unwanted) != NULL)
        fail_msg("report has '%s':\n%s", unwanted, haystack);
}

/* An option value outside policies at a scope (0: the server), for every client. */
static void set_value(uint32_t subnet, enum pxb_ms_opt opt, const char *value)
{
    pxb_ms_level level = {subnet == 0, subnet};
    pxb_ms_values *v = pxb_ms_find_values(&srv.s, &level, "");

    if (v == NULL) {
        v = pxb_ms_add_values(&srv.s);
        v->level = level;
    }
    v->options.has[opt] = 1;
    strcpy(v->options.value[opt], value);
}

static const char *value_at(uint32_t subnet, enum pxb_ms_opt opt)
{
    pxb_ms_level level = {subnet == 0, subnet};
    const pxb_ms_values *v = pxb_ms_find_values(&srv.s, &level, "");

    return v != NULL && v->options.has[opt] ? v->options.value[opt] : NULL;
}

/* WDS's definition of option 060 (not pxebridge's) and its server value. */
static void seed_wds(void)
{
    srv.s.has_opt60 = 1;
    strcpy(srv.s.opt60_comment, "PXE support");
    set_value(0, PXB_MS_OPT_060, "PXEClient");
}

static void test_4011_apply_verify_remove(void **state)
{
    const char *def, *value, *last_policy;

    (void)state;
    assert_int_equal(run(PXB_DHCP_PLAN, PLAN_4011), PXB_DHCP_CHANGES);
    def = strstr(text, "+ option definition 060 (string, IPv4)");
    value = strstr(text, "+ option 060 = 'PXEClient' on server, for every client");
    last_policy = strstr(text, "+ policy 'pxebridge x64 UEFI (arch 9)'");
    assert_non_null(def);
    assert_non_null(value);
    assert_non_null(last_policy);
    /* The definition first; the value after the policies (clients go to 4011 last). */
    assert_true(def < strstr(text, "+ class"));
    assert_true(last_policy < value);
    assert_int_equal(run(PXB_DHCP_APPLY, PLAN_4011), PXB_DHCP_OK);
    assert_true(srv.s.has_opt60);
    assert_true(pxb_ms_owned(srv.s.opt60_comment));
    assert_string_equal(value_at(0, PXB_MS_OPT_060), "PXEClient");
    assert_int_equal(run(PXB_DHCP_VERIFY, PLAN_4011), PXB_DHCP_OK);
    assert_lacks(text, "060");
    assert_int_equal(warnings, 0);
    /* Taken away by hand: verify says so. */
    srv.s.values[0].options.has[PXB_MS_OPT_060] = 0;
    assert_int_equal(run(PXB_DHCP_VERIFY, PLAN_4011), PXB_DHCP_CHANGES);
    assert_has(text, "+ option 060 = 'PXEClient' on server, for every client");
    assert_int_equal(run(PXB_DHCP_APPLY, PLAN_4011), PXB_DHCP_OK);
    assert_int_equal(run(PXB_DHCP_REMOVE, PLAN_4011), PXB_DHCP_OK);
    value = strstr(text, "- option 060 ('PXEClient') on server, for every client");
    assert_non_null(value);
    assert_true(value < strstr(text, "- policy"));
    assert_true(strstr(text, "- policy") < strstr(text, "- option definition 060"));
    assert_null(value_at(0, PXB_MS_OPT_060));
    assert_false(srv.s.has_opt60);
    assert_int_equal(srv.s.policy_count, 0);
}

/* An option 060 defined by someone else (WDS) is used as it is and stays on remove. */
static void test_4011_reuses_admin_definition(void **state)
{
    pxb_ms_state before;

    (void)state;
    srv.s.has_opt60 = 1;
    strcpy(srv.s.opt60_comment, "PXE support");
    assert_int_equal(pxb_ms_state_copy(&before, &srv.s), 0);
    assert_int_equal(run(PXB_DHCP_APPLY, PLAN_4011), PXB_DHCP_OK);
    assert_lacks(text, "option definition");
    assert_string_equal(value_at(0, PXB_MS_OPT_060), "PXEClient");
    assert_int_equal(run(PXB_DHCP_REMOVE, PLAN_4011), PXB_DHCP_OK);
    assert_lacks(text, "option definition");
    assert_true(srv.s.has_opt60);
    assert_null(value_at(0, PXB_MS_OPT_060));
    assert_same_state(&before, &srv.s);
    pxb_ms_state_free(&before);
}

/* With Scopes, each scope of the plan gets it, the server level and other scopes not. */
static void test_4011_scopes(void **state)
{
    (void)state;
    assert_int_equal(run(PXB_DHCP_APPLY, PLAN_4011_SCOPE), PXB_DHCP_OK);
    assert_has(text, "+ option 060 = 'PXEClient' on scope 10.0.0.0, for every client");
    assert_string_equal(value_at(SCOPE, PXB_MS_OPT_060), "PXEClient");
    assert_null(value_at(0, PXB_MS_OPT_060));
    assert_null(value_at(OTHER_SCOPE, PXB_MS_OPT_060));
    assert_int_equal(run(PXB_DHCP_VERIFY, PLAN_4011_SCOPE), PXB_DHCP_OK);
    assert_lacks(text, "warning");
}

/* The pre-2012 fallback in 4011 mode: 060 joins the fallback's server values. */
static void test_4011_fallback(void **state)
{
    (void)state;
    srv.s.has_policies = 0;
    srv.s.major = 6;
    srv.s.minor = 1;
    assert_int_equal(run(PXB_DHCP_APPLY, PLAN_4011), PXB_DHCP_OK);
    assert_string_equal(value_at(0, PXB_MS_OPT_060), "PXEClient");
    assert_string_equal(value_at(0, PXB_MS_OPT_067), "undionly.kpxe");
    assert_int_equal(run(PXB_DHCP_VERIFY, PLAN_4011), PXB_DHCP_OK);
    assert_int_equal(run(PXB_DHCP_REMOVE, PLAN_4011), PXB_DHCP_OK);
    assert_null(value_at(0, PXB_MS_OPT_060));
    assert_false(srv.s.has_opt60);
}

static void test_off_and_on_set_no_060(void **state)
{
    (void)state;
    assert_int_equal(run(PXB_DHCP_APPLY, PLAN_OFF), PXB_DHCP_OK);
    assert_lacks(text, "060");
    /* Mode on wants nothing of pxebridge's: the plan takes the policies away. */
    assert_int_equal(run(PXB_DHCP_PLAN, PLAN_ON), PXB_DHCP_CHANGES);
    assert_has(text, "- policy 'pxebridge iPXE'");
    assert_lacks(text, "+ option");
    assert_false(srv.s.has_opt60);
    assert_int_equal(srv.s.value_count, 0);
}

/* (a) 060 PXEClient with ProxyDhcp off: nothing of pxebridge answers on 4011. */
static void test_pxeclient_without_proxy(void **state)
{
    (void)state;
    seed_wds();
    assert_int_equal(run(PXB_DHCP_PLAN, PLAN_OFF), PXB_DHCP_CHANGES);
    assert_has(text, "warning: server has option 060 = 'PXEClient' for every client: PXE "
                     "clients that get it ask port 4011 of the DHCP server");
    assert_has(text, "EDK2 UEFI clients stop at 'Start PXE over IPv4'");
    assert_has(text, "ProxyDhcp is off; where pxebridge runs on that DHCP server: pxebridge "
                     "config set ProxyDhcp=4011");
    assert_has(text, "Unless WDS or another PXE responder answers on port 4011");
    assert_has(text, "Remove-DhcpServerv4OptionValue -ComputerName dhcp1 -OptionId 60 (or: "
                     "netsh dhcp server \\\\dhcp1 delete optionvalue 60)");
    assert_has(json, "{\"severity\":\"warning\",\"text\":\"server has option 060 = "
                     "'PXEClient'");
    assert_int_equal(warnings, 1); /* the service logs a run's warnings */
    /* On a scope outside the plan's Scopes too, with ProxyDhcp on. */
    srv.s.values[0].level.global = 0;
    srv.s.values[0].level.subnet = OTHER_SCOPE;
    assert_int_equal(run(PXB_DHCP_PLAN, "BootServer=10.0.0.5\nProxyDhcp=on\n"
                                        "Scopes=10.0.0.0/16\n"), PXB_DHCP_OK);
    assert_has(text, "warning: scope 10.1.0.0 has option 060 = 'PXEClient'");
    assert_has(text, "ProxyDhcp is on;");
    assert_has(text, "-ScopeId 10.1.0.0 -OptionId 60");
}

/* (a) in 4011 mode: the server level and scopes outside Scopes are not answered; the
 * plan's own levels are. */
static void test_pxeclient_outside_scopes(void **state)
{
    (void)state;
    seed_wds();
    assert_int_equal(run(PXB_DHCP_PLAN, PLAN_4011), PXB_DHCP_CHANGES);
    assert_lacks(text, "port 4011 of the DHCP server");
    assert_int_equal(run(PXB_DHCP_PLAN, PLAN_4011_SCOPE), PXB_DHCP_CHANGES);
    assert_has(text, "warning: server has option 060 = 'PXEClient' for every client");
    assert_has(text, "its clients are outside Scopes, which the proxy ignores");
    set_value(SCOPE, PXB_MS_OPT_060, "PXEClient");
    assert_int_equal(run(PXB_DHCP_PLAN, PLAN_4011_SCOPE), PXB_DHCP_CHANGES);
    assert_lacks(text, "scope 10.0.0.0 has option 060");
}

/* (b) a scope's 067 outranks pxebridge's server-level policies for that scope's clients. */
static void test_scope_option_wins(void **state)
{
    (void)state;
    set_value(SCOPE, PXB_MS_OPT_067, "pxelinux.0");
    assert_int_equal(run(PXB_DHCP_APPLY, PLAN_OFF), PXB_DHCP_OK);
    assert_has(text, "warning: scope 10.0.0.0 has option 067 = 'pxelinux.0' for every client, "
                     "outside any policy: it takes precedence over pxebridge's policies (a "
                     "scope's option outranks a server-level policy): the clients of "
                     "'pxebridge iPXE', 'pxebridge x86 BIOS'");
    assert_has(text, "get it instead of pxebridge's 067");
    assert_has(text, "Remove-DhcpServerv4OptionValue -ComputerName dhcp1 -ScopeId 10.0.0.0 "
                     "-OptionId 67");
    assert_has(json, "takes precedence over pxebridge's policies");
    /* With the plan's policies on the scope, they outrank it: no such claim. */
    assert_int_equal(run(PXB_DHCP_REMOVE, PLAN_OFF), PXB_DHCP_OK);
    assert_int_equal(run(PXB_DHCP_APPLY, PLAN_SCOPE), PXB_DHCP_OK);
    assert_has(text, "warning: scope 10.0.0.0 has option 067 = 'pxelinux.0'");
    assert_lacks(text, "takes precedence");
}

/* (b) an option pxebridge's policies do not set reaches their clients along with them. */
static void test_server_option_adds(void **state)
{
    (void)state;
    srv.s.has_opt60 = 1;
    strcpy(srv.s.opt60_comment, "admin's");
    set_value(0, PXB_MS_OPT_060, "HTTPClient");
    assert_int_equal(run(PXB_DHCP_PLAN, PLAN_OFF), PXB_DHCP_CHANGES);
    assert_has(text, "warning: server has option 060 = 'HTTPClient' for every client, outside "
                     "any policy: the clients of 'pxebridge iPXE', 'pxebridge x86 BIOS'");
    assert_has(text, "get it along with pxebridge's answer (those policies do not set 060)");
    assert_lacks(text, "takes precedence");
}

/* (c) ProxyDhcp=on while pxebridge's policies (or another 067) answer PXE clients too. */
static void test_proxy_on_two_answers(void **state)
{
    (void)state;
    assert_int_equal(run(PXB_DHCP_APPLY, PLAN_OFF), PXB_DHCP_OK);
    assert_lacks(text, "two boot answers");
    /* Mode on wants none of pxebridge's policies: verify reports them as drift, which apply
     * takes away (the proxy answers). */
    assert_int_equal(run(PXB_DHCP_VERIFY, PLAN_ON), PXB_DHCP_CHANGES);
    assert_has(text, "- policy 'pxebridge iPXE'");
    assert_lacks(text, "two boot answers");
    assert_int_equal(run(PXB_DHCP_APPLY, PLAN_ON), PXB_DHCP_OK);
    assert_int_equal(srv.s.policy_count, 0);
    assert_int_equal(srv.s.class_count, 0);
    assert_int_equal(run(PXB_DHCP_VERIFY, PLAN_ON), PXB_DHCP_OK);
    assert_lacks(text, "two boot answers");
    /* Nothing of pxebridge's (a plan with Scopes, none on the server level): an admin's
     * policy and a scope's 067. */
    add_admin_policy(&srv.s, "old iPXE", 1);
    set_value(OTHER_SCOPE, PXB_MS_OPT_067, "pxelinux.0");
    assert_int_equal(run(PXB_DHCP_VERIFY, "BootServer=10.0.0.5\nProxyDhcp=on\n"
                                          "Scopes=10.0.0.0/16\n"), PXB_DHCP_OK);
    assert_has(text, "warning: ProxyDhcp is on (the PxeBridge service answers PXE clients on "
                     "ports 67 and 4011) while this DHCP server hands them a boot file too: "
                     "policy 'old iPXE' on server");
    assert_has(text, "pxebridge config set ProxyDhcp=off");
    assert_has(json, "ProxyDhcp is on");
    assert_has(text, "option 067 = 'pxelinux.0' on scope 10.1.0.0. Each such client gets two "
                     "boot answers");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_4011_apply_verify_remove, setup, teardown),
        cmocka_unit_test_setup_teardown(test_4011_reuses_admin_definition, setup, teardown),
        cmocka_unit_test_setup_teardown(test_4011_scopes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_4011_fallback, setup, teardown),
        cmocka_unit_test_setup_teardown(test_off_and_on_set_no_060, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pxeclient_without_proxy, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pxeclient_outside_scopes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_scope_option_wins, setup, teardown),
        cmocka_unit_test_setup_teardown(test_server_option_adds, setup, teardown),
        cmocka_unit_test_setup_teardown(test_proxy_on_two_answers, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
