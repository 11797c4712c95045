/* test_ms_failover.c: unit tests for runs over a Microsoft DHCP server and its failover
 * partners, against in-memory servers (fake_ms_server.h) that share nothing (MS-DHCPM 3.2.4.90:
 * each partner holds its own record of a relationship): load balance at server level, hot
 * standby with only some scopes in the relationship, a partner holding a stale pxebridge
 * policy, a site's boot server on a partner's scope, a partner that is down or denies access (nothing written anywhere), a write failing
 * on the second partner (both put back), two relationships with different partners, the
 * partners compared with each other, --no-failover, a pre-2012 server, a state other than
 * NORMAL and a record one partner lacks; explain --server over both partners; ProxyDhcp=4011's
 * option 060 on both partners and in explain's plan answer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "fake_ms_server.h"
#include "ms_explain.h"
#include "ms_sync.h"

#define DHCP1 0x0A000001u /* 10.0.0.1 */
#define DHCP2 0x0A000002u /* 10.0.0.2 */
#define DHCP3 0x0A000003u /* 10.0.0.3 */
#define SCOPE_A 0x0A010000u /* 10.1.0.0 */
#define SCOPE_B 0x0A020000u /* 10.2.0.0 */

static const char SERVER_PLAN[] = "BootServer=10.0.0.5\n";
static const char SCOPE_PLAN[] = "BootServer=10.0.0.5\nScopes=10.1.0.0/24,10.2.0.0/24\n";
static const char SITE_PLAN[] = "BootServer=10.0.0.5\nScopes=10.1.0.0/24,10.2.0.0/24\n"
                                "ScopeBootServers=10.1.0.0/24=10.1.0.9\n";

/* dhcp1 as the admin names it; its partners as the relationships give their addresses. */
static fake servers[3];
static fake_net net = {servers, 3};
static const pxb_ms_backend BACKEND = {&net, fake_read, fake_change, fake_relationships};
static fake *const dhcp1 = &servers[0];
static fake *const dhcp2 = &servers[1];
static fake *const dhcp3 = &servers[2];

static int setup(void **state)
{
    static const char *const NAMES[] = {"dhcp1", "10.0.0.2", "10.0.0.3"};
    (void)state;
    for (size_t i = 0; i < 3; i++) {
        fake_reset(&servers[i], NAMES[i]);
        pxb_ms_add_subnet(&servers[i].s, SCOPE_A);
        pxb_ms_add_subnet(&servers[i].s, SCOPE_B);
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    for (size_t i = 0; i < 3; i++)
        fake_free(&servers[i]);
    return 0;
}

/* One partner's record of a relationship between a (primary) and b (secondary). */
static pxb_ms_relationship *add_record(fake *f, const char *name, uint32_t a, uint32_t b,
                                       int this_is_secondary, unsigned mode)
{
    pxb_ms_relationship *r = pxb_ms_failover_add(&f->failover);
    snprintf(r->name, sizeof r->name, "%s", name);
    r->primary = a;
    r->secondary = b;
    snprintf(r->primary_name, sizeof r->primary_name, "dhcp%u.corp.example", a & 0xff);
    snprintf(r->secondary_name, sizeof r->secondary_name, "dhcp%u.corp.example", b & 0xff);
    r->this_is_secondary = this_is_secondary;
    r->mode = mode;
    r->state = PXB_MS_FO_NORMAL;
    r->percentage = 50;
    return r;
}

/* Both records of a relationship between a and b, with the scopes given (0 ends). */
static void relate(fake *a, uint32_t addr_a, fake *b, uint32_t addr_b, const char *name,
                   unsigned mode, const uint32_t *scopes)
{
    pxb_ms_relationship *ra = add_record(a, name, addr_a, addr_b, 0, mode);
    pxb_ms_relationship *rb = add_record(b, name, addr_a, addr_b, 1, mode);
    for (; scopes != NULL && *scopes != 0; scopes++) {
        pxb_ms_relationship_add_scope(ra, *scopes);
        pxb_ms_relationship_add_scope(rb, *scopes);
    }
}

static const uint32_t BOTH_SCOPES[] = {SCOPE_A, SCOPE_B, 0};
static const uint32_t SCOPE_A_ONLY[] = {SCOPE_A, 0};

static enum pxb_dhcp_status run_reach(enum pxb_dhcp_action action, const char *plan_text,
                                      enum pxb_dhcp_reach reach, char *text, size_t len,
                                      char *json, size_t json_len)
{
    return fake_sync(&BACKEND, action, plan_text, reach, text, len, json, json_len, NULL);
}

static enum pxb_dhcp_status run(enum pxb_dhcp_action action, const char *plan_text, char *text,
                                size_t len)
{
    return run_reach(action, plan_text, PXB_DHCP_WITH_PARTNERS, text, len, NULL, 0);
}

static const pxb_ms_policy *policy_at(const fake *f, uint32_t subnet, const char *name)
{
    pxb_ms_level level = {subnet == 0, subnet};
    return pxb_ms_find_policy(&f->s, &level, name);
}

/* Load balance at server level: both partners get the same objects; a second apply and a
 * verify find nothing; the report names the relationship, its mode and state. */
static void test_load_balance_server_level(void **state)
{
    char text[32768], json[32768];

    (void)state;
    relate(dhcp1, DHCP1, dhcp2, DHCP2, "dhcp1-dhcp2", PXB_MS_FO_LOAD_BALANCE, BOTH_SCOPES);
    assert_int_equal(run(PXB_DHCP_PLAN, SERVER_PLAN, text, sizeof text), PXB_DHCP_CHANGES);
    assert_int_equal(dhcp1->writes + dhcp2->writes, 0);
    assert_has(text, "failover: relationship 'dhcp1-dhcp2' (load balance, 50 % of the clients "
                     "to the primary, state NORMAL)");
    assert_has(text, "this run covers 2 servers: dhcp1, dhcp2.corp.example (10.0.0.2)");
    assert_has(text, "pxebridge dhcp plan on dhcp2.corp.example (10.0.0.2)");
    assert_int_equal(run(PXB_DHCP_APPLY, SERVER_PLAN, text, sizeof text), PXB_DHCP_OK);
    assert_true(dhcp1->writes > 0);
    assert_int_equal(dhcp1->writes, dhcp2->writes);
    assert_same_state(&dhcp1->s, &dhcp2->s);
    assert_same_state(&dhcp2->s, &dhcp1->s);
    assert_non_null(policy_at(dhcp2, 0, "pxebridge iPXE"));
    assert_int_equal(run(PXB_DHCP_APPLY, SERVER_PLAN, text, sizeof text), PXB_DHCP_OK);
    assert_int_equal(run_reach(PXB_DHCP_VERIFY, SERVER_PLAN, PXB_DHCP_WITH_PARTNERS, text,
                               sizeof text, json, sizeof json), PXB_DHCP_OK);
    assert_has(json, "\"group_status\":\"ok\"");
    assert_has(json, "\"mode\":\"load-balance\"");
    assert_has(json, "\"partners\":[{\"action\":\"verify\",\"server\":\"dhcp2.corp.example "
                     "(10.0.0.2)\"");
    assert_int_equal(run(PXB_DHCP_REMOVE, SERVER_PLAN, text, sizeof text), PXB_DHCP_OK);
    assert_int_equal(dhcp1->s.policy_count + dhcp2->s.policy_count, 0);
}

/* Hot standby with scope A in the relationship and scope B on dhcp1 alone: dhcp2 gets scope
 * A's policies only, and is not blocked for lacking nothing it should have. */
/* ProxyDhcp=4011 at server level: option 060's definition and its server value go to every
 * partner, like the classes; remove takes them away from both. */
static void test_proxy_4011_on_partners(void **state)
{
    static const char PLAN_4011[] = "BootServer=10.0.0.5\nProxyDhcp=4011\n";
    const pxb_ms_level server = {1, 0};
    char text[32768];

    (void)state;
    relate(dhcp1, DHCP1, dhcp2, DHCP2, "dhcp1-dhcp2", PXB_MS_FO_LOAD_BALANCE, BOTH_SCOPES);
    assert_int_equal(run(PXB_DHCP_APPLY, PLAN_4011, text, sizeof text), PXB_DHCP_OK);
    for (size_t i = 0; i < 2; i++) {
        const pxb_ms_values *v = pxb_ms_find_values(&servers[i].s, &server, "");
        assert_true(servers[i].s.has_opt60);
        assert_non_null(v);
        assert_string_equal(v->options.value[PXB_MS_OPT_060], "PXEClient");
    }
    assert_int_equal(run(PXB_DHCP_VERIFY, PLAN_4011, text, sizeof text), PXB_DHCP_OK);
    assert_int_equal(run(PXB_DHCP_REMOVE, PLAN_4011, text, sizeof text), PXB_DHCP_OK);
    for (size_t i = 0; i < 2; i++) {
        const pxb_ms_values *v = pxb_ms_find_values(&servers[i].s, &server, "");
        assert_false(servers[i].s.has_opt60);
        assert_false(v != NULL && v->options.has[PXB_MS_OPT_060]);
    }
}

static void test_hot_standby_some_scopes(void **state)
{
    char text[32768];

    (void)state;
    relate(dhcp1, DHCP1, dhcp2, DHCP2, "hq", PXB_MS_FO_HOT_STANDBY, SCOPE_A_ONLY);
    assert_int_equal(run(PXB_DHCP_APPLY, SCOPE_PLAN, text, sizeof text), PXB_DHCP_OK);
    assert_has(text, "(hot standby, state NORMAL)");
    assert_non_null(policy_at(dhcp1, SCOPE_A, "pxebridge iPXE"));
    assert_non_null(policy_at(dhcp1, SCOPE_B, "pxebridge iPXE"));
    assert_non_null(policy_at(dhcp2, SCOPE_A, "pxebridge iPXE"));
    assert_null(policy_at(dhcp2, SCOPE_B, "pxebridge iPXE"));
    assert_int_equal(run(PXB_DHCP_VERIFY, SCOPE_PLAN, text, sizeof text), PXB_DHCP_OK);
    /* A site's boot server goes with its scope to the partner. */
    assert_int_equal(run(PXB_DHCP_APPLY, SITE_PLAN, text, sizeof text), PXB_DHCP_OK);
    const pxb_ms_policy *p = policy_at(dhcp2, SCOPE_A, "pxebridge x86 BIOS");
    assert_non_null(p);
    assert_string_equal(p->options.value[PXB_MS_OPT_066], "10.1.0.9");
    assert_null(policy_at(dhcp2, SCOPE_B, "pxebridge x86 BIOS"));
    /* The relationship holds no scope of the plan: nothing to do on the partner. */
    pxb_ms_failover_free(&dhcp1->failover);
    pxb_ms_failover_free(&dhcp2->failover);
    static const uint32_t OTHER[] = {0x0A090000u, 0};
    relate(dhcp1, DHCP1, dhcp2, DHCP2, "hq", PXB_MS_FO_HOT_STANDBY, OTHER);
    assert_int_equal(run(PXB_DHCP_VERIFY, SITE_PLAN, text, sizeof text), PXB_DHCP_OK);
    assert_has(text, "dhcp2.corp.example (10.0.0.2): none of the plan's scopes is in its "
                     "failover relationships");
}

/* The partner holds a pxebridge policy of an older plan: verify names it on that partner,
 * apply repairs it there. */
static void test_stale_policy_on_partner(void **state)
{
    char text[32768];
    pxb_ms_level server = {1, 0};

    (void)state;
    relate(dhcp1, DHCP1, dhcp2, DHCP2, "dhcp1-dhcp2", PXB_MS_FO_LOAD_BALANCE, BOTH_SCOPES);
    assert_int_equal(run(PXB_DHCP_APPLY, SERVER_PLAN, text, sizeof text), PXB_DHCP_OK);
    pxb_ms_policy *p = pxb_ms_find_policy(&dhcp2->s, &server, "pxebridge x86 BIOS");
    strcpy(p->options.value[PXB_MS_OPT_067], "pxelinux.0");
    assert_int_equal(run(PXB_DHCP_VERIFY, SERVER_PLAN, text, sizeof text), PXB_DHCP_CHANGES);
    assert_has(text, "pxebridge dhcp verify on dhcp2.corp.example (10.0.0.2)");
    assert_has(text, "~ option 067 'pxelinux.0' -> 'undionly.kpxe' on policy "
                     "'pxebridge x86 BIOS' (server)");
    assert_has(text, "failover partners differ: dhcp2.corp.example (10.0.0.2): policy "
                     "'pxebridge x86 BIOS' (server) hands out 067 'pxelinux.0', where dhcp1 "
                     "hands out 'undionly.kpxe'");
    size_t before = dhcp1->writes;
    assert_int_equal(run(PXB_DHCP_APPLY, SERVER_PLAN, text, sizeof text), PXB_DHCP_OK);
    assert_int_equal(dhcp1->writes, before);
    assert_same_state(&dhcp1->s, &dhcp2->s);
    assert_int_equal(run(PXB_DHCP_VERIFY, SCOPE_PLAN, text, sizeof text), PXB_DHCP_CHANGES);
}

/* A partner down, stopped or denying access: nothing is written anywhere, and the message
 * names the partner, the error and the fix. */
static void test_partner_unreadable(void **state)
{
    static const unsigned long CODES[] = {1722, 1753, 5};
    static const char *const ADVICE[] = {"firewall", "Start-Service DHCPServer",
                                         "'DHCP Administrators'"};
    char text[32768];

    (void)state;
    relate(dhcp1, DHCP1, dhcp2, DHCP2, "dhcp1-dhcp2", PXB_MS_FO_LOAD_BALANCE, BOTH_SCOPES);
    for (size_t i = 0; i < 3; i++) {
        dhcp2->read_code = CODES[i];
        assert_int_equal(run(PXB_DHCP_APPLY, SERVER_PLAN, text, sizeof text), PXB_DHCP_FAILED);
        assert_has(text, "failover partner dhcp2.corp.example (10.0.0.2) (relationship "
                         "'dhcp1-dhcp2' of dhcp1) cannot be read");
        assert_has(text, ADVICE[i]);
        assert_has(text, "nothing was written to any server");
        assert_int_equal(dhcp1->writes + dhcp2->writes, 0);
        assert_int_equal(run(PXB_DHCP_VERIFY, SERVER_PLAN, text, sizeof text), PXB_DHCP_FAILED);
    }
}

/* The k-th write on the second partner fails: the second puts itself back, then the first is
 * put back too, and the report says so. */
static void test_write_fails_on_second_partner(void **state)
{
    char text[32768];
    pxb_ms_state before1, before2;

    (void)state;
    relate(dhcp1, DHCP1, dhcp2, DHCP2, "dhcp1-dhcp2", PXB_MS_FO_LOAD_BALANCE, BOTH_SCOPES);
    assert_int_equal(pxb_ms_state_copy(&before1, &dhcp1->s), 0);
    assert_int_equal(pxb_ms_state_copy(&before2, &dhcp2->s), 0);
    for (size_t k = 1; k <= 4; k++) {
        dhcp1->writes = dhcp2->writes = 0;
        dhcp2->fail_at = k * 2;
        dhcp2->fail_code = 20013;
        assert_int_equal(run(PXB_DHCP_APPLY, SERVER_PLAN, text, sizeof text), PXB_DHCP_FAILED);
        assert_has(text, "on dhcp2.corp.example (10.0.0.2) failed with 20013");
        assert_has(text, "because the run failed on dhcp2.corp.example (10.0.0.2): the server "
                         "is as it was");
        assert_has(text, "failover pair: the run failed on dhcp2.corp.example (10.0.0.2), and "
                         "every server it had changed was put back");
        assert_same_state(&before1, &dhcp1->s);
        assert_same_state(&dhcp1->s, &before1);
        assert_same_state(&before2, &dhcp2->s);
        assert_same_state(&dhcp2->s, &before2);
    }
    pxb_ms_state_free(&before1);
    pxb_ms_state_free(&before2);
}

/* dhcp1 in two relationships with different partners: all three servers get the server-level
 * objects; each partner is taken once although both name dhcp1 back. */
static void test_two_relationships(void **state)
{
    char text[32768];

    (void)state;
    relate(dhcp1, DHCP1, dhcp2, DHCP2, "site-a", PXB_MS_FO_LOAD_BALANCE, SCOPE_A_ONLY);
    static const uint32_t B[] = {SCOPE_B, 0};
    relate(dhcp1, DHCP1, dhcp3, DHCP3, "site-b", PXB_MS_FO_HOT_STANDBY, B);
    assert_int_equal(run(PXB_DHCP_APPLY, SERVER_PLAN, text, sizeof text), PXB_DHCP_OK);
    assert_has(text, "this run covers 3 servers: dhcp1, dhcp2.corp.example (10.0.0.2), "
                     "dhcp3.corp.example (10.0.0.3)");
    assert_same_state(&dhcp1->s, &dhcp2->s);
    assert_same_state(&dhcp1->s, &dhcp3->s);
    /* Scope plan: each partner gets the scope of its own relationship. */
    assert_int_equal(run(PXB_DHCP_REMOVE, SERVER_PLAN, text, sizeof text), PXB_DHCP_OK);
    assert_int_equal(run(PXB_DHCP_APPLY, SCOPE_PLAN, text, sizeof text), PXB_DHCP_OK);
    assert_non_null(policy_at(dhcp2, SCOPE_A, "pxebridge iPXE"));
    assert_null(policy_at(dhcp2, SCOPE_B, "pxebridge iPXE"));
    assert_non_null(policy_at(dhcp3, SCOPE_B, "pxebridge iPXE"));
    assert_null(policy_at(dhcp3, SCOPE_A, "pxebridge iPXE"));
}

/* An admin's policy on one partner only: verify reports the difference, naming the partner
 * that lacks it; apply leaves the admin's objects alone. */
static void test_partners_compared(void **state)
{
    char text[32768];

    (void)state;
    relate(dhcp1, DHCP1, dhcp2, DHCP2, "dhcp1-dhcp2", PXB_MS_FO_LOAD_BALANCE, BOTH_SCOPES);
    assert_int_equal(run(PXB_DHCP_APPLY, SCOPE_PLAN, text, sizeof text), PXB_DHCP_OK);
    add_admin_policy(&dhcp1->s, "admin PXE", 9);
    assert_int_equal(run(PXB_DHCP_VERIFY, SCOPE_PLAN, text, sizeof text), PXB_DHCP_CHANGES);
    assert_has(text, "failover partners differ: dhcp2.corp.example (10.0.0.2): has no policy "
                     "'admin PXE' (server), which dhcp1 has at processing order 9");
    assert_has(text, "failover pair: 1 difference(s) between the partners");
    pxb_ms_values *v = pxb_ms_add_values(&dhcp2->s);
    v->level.subnet = SCOPE_A;
    v->options.has[PXB_MS_OPT_067] = 1;
    strcpy(v->options.value[PXB_MS_OPT_067], "undionly.kpxe");
    assert_int_equal(run(PXB_DHCP_VERIFY, SCOPE_PLAN, text, sizeof text), PXB_DHCP_CHANGES);
    assert_has(text, "dhcp2.corp.example (10.0.0.2): the option value (scope 10.1.0.0) hands "
                     "out 067 'undionly.kpxe', where dhcp1 hands out 'nothing'");
}

/* --no-failover: the partner is left as it is, and the report says what that means. */
static void test_no_failover(void **state)
{
    char text[32768];

    (void)state;
    relate(dhcp1, DHCP1, dhcp2, DHCP2, "dhcp1-dhcp2", PXB_MS_FO_LOAD_BALANCE, BOTH_SCOPES);
    assert_int_equal(run_reach(PXB_DHCP_APPLY, SERVER_PLAN, PXB_DHCP_THIS_SERVER_ONLY, text,
                               sizeof text, NULL, 0), PXB_DHCP_OK);
    assert_true(dhcp1->writes > 0);
    assert_int_equal(dhcp2->writes, 0);
    assert_has(text, "warning: failover: dhcp1 is in relationship 'dhcp1-dhcp2' (load balance) "
                     "with 10.0.0.2, which this run leaves as it is");
    /* A partner that is down does not matter then. */
    dhcp2->read_code = 1722;
    assert_int_equal(run_reach(PXB_DHCP_VERIFY, SERVER_PLAN, PXB_DHCP_THIS_SERVER_ONLY, text,
                               sizeof text, NULL, 0), PXB_DHCP_OK);
    /* Nor relationships that cannot be read (they only name the partners left alone). */
    dhcp1->failover_code = 5;
    assert_int_equal(run_reach(PXB_DHCP_VERIFY, SERVER_PLAN, PXB_DHCP_THIS_SERVER_ONLY, text,
                               sizeof text, NULL, 0), PXB_DHCP_OK);
    assert_null(strstr(text, "failover"));
}

/* A server older than 2012 answers the failover call with 1745: a run of one server. */
static void test_pre_2012(void **state)
{
    char text[32768], json[32768];

    (void)state;
    dhcp1->failover_code = PXB_MS_NO_FAILOVER_CODE;
    assert_int_equal(run_reach(PXB_DHCP_APPLY, SERVER_PLAN, PXB_DHCP_WITH_PARTNERS, text,
                               sizeof text, json, sizeof json), PXB_DHCP_OK);
    assert_null(strstr(text, "failover"));
    assert_has(json, "\"failover\":[],\"partners\":[]");
    /* Any other failure reading the relationships stops the run. */
    dhcp1->failover_code = 5;
    assert_int_equal(run(PXB_DHCP_VERIFY, SERVER_PLAN, text, sizeof text), PXB_DHCP_FAILED);
    assert_has(text, "error: FakeEnumRelationship on dhcp1 failed with 5");
}

/* A relationship not in NORMAL is reported with what it means; a record one partner lacks
 * and scope lists that differ are reported too. */
static void test_state_and_records(void **state)
{
    char text[32768];

    (void)state;
    relate(dhcp1, DHCP1, dhcp2, DHCP2, "dhcp1-dhcp2", PXB_MS_FO_LOAD_BALANCE, BOTH_SCOPES);
    dhcp1->failover.rels[0].state = PXB_MS_FO_PARTNER_DOWN;
    dhcp2->failover.rels[0].state = PXB_MS_FO_COMMUNICATION_INT;
    assert_int_equal(run(PXB_DHCP_APPLY, SERVER_PLAN, text, sizeof text), PXB_DHCP_OK);
    assert_has(text, "warning: failover: relationship 'dhcp1-dhcp2' is in state PARTNER_DOWN "
                     "on dhcp1: this server takes the partner for down");
    assert_has(text, "is in state COMMUNICATION_INT on dhcp2.corp.example (10.0.0.2): the "
                     "partners cannot reach each other");
    dhcp2->failover.rels[0].scope_count = 1;
    assert_int_equal(run(PXB_DHCP_VERIFY, SERVER_PLAN, text, sizeof text), PXB_DHCP_OK);
    assert_has(text, "list different scopes: replicate the relationship");
    snprintf(dhcp2->failover.rels[0].name, sizeof dhcp2->failover.rels[0].name, "renamed");
    assert_int_equal(run(PXB_DHCP_VERIFY, SERVER_PLAN, text, sizeof text), PXB_DHCP_OK);
    assert_has(text, "dhcp1 has relationship 'dhcp1-dhcp2' with dhcp2.corp.example (10.0.0.2), "
                     "which has no record of it");
}

/* explain --server: what each partner hands a client now, against the plan. */
static enum pxb_dhcp_status explain(const pxb_client *c, const char *plan_text, char *text,
                                    size_t len)
{
    pxb_boot_plan plan;
    pxb_dhcp_result r;
    pxb_error err = {0};

    if (pxb_plan_parse(plan_text, &plan, &err) != 0)
        fail_msg("plan: %s", err.text);
    enum pxb_dhcp_status st =
        pxb_ms_explain(&plan, c, "dhcp1", PXB_DHCP_WITH_PARTNERS, &BACKEND, &r);
    assert_int_equal(st, r.status);
    assert_non_null(r.json);
    snprintf(text, len, "%s", r.text);
    pxb_dhcp_result_free(&r);
    return st;
}

static void test_explain_partners(void **state)
{
    char text[32768];
    pxb_client bios = {.vendor_class = "PXEClient:Arch:00000:UNDI:002001",
                       .has_address = 1, .address = SCOPE_A + 20};
    pxb_ms_level server = {1, 0};

    (void)state;
    relate(dhcp1, DHCP1, dhcp2, DHCP2, "dhcp1-dhcp2", PXB_MS_FO_LOAD_BALANCE, SCOPE_A_ONLY);
    assert_int_equal(explain(&bios, SERVER_PLAN, text, sizeof text), PXB_DHCP_CHANGES);
    assert_has(text, "dhcp1, scope 10.1.0.0: differs from the boot plan");
    assert_has(text, "    067 nothing  (the plan: undionly.kpxe)");
    assert_int_equal(run(PXB_DHCP_APPLY, SERVER_PLAN, text, sizeof text), PXB_DHCP_OK);
    assert_int_equal(explain(&bios, SERVER_PLAN, text, sizeof text), PXB_DHCP_OK);
    assert_has(text, "dhcp2.corp.example (10.0.0.2), scope 10.1.0.0: as the boot plan says");
    assert_has(text, "    067 undionly.kpxe  from policy 'pxebridge x86 BIOS' (server, order 2)");
    strcpy(pxb_ms_find_policy(&dhcp2->s, &server, "pxebridge x86 BIOS")
               ->options.value[PXB_MS_OPT_067], "pxelinux.0");
    assert_int_equal(explain(&bios, SERVER_PLAN, text, sizeof text), PXB_DHCP_CHANGES);
    assert_has(text, "    067 pxelinux.0  from policy 'pxebridge x86 BIOS' (server, order 2)  "
                     "(the plan: undionly.kpxe)");
    assert_has(text, "the failover partners answer this client differently");
    /* A client of a scope the relationship does not hold: the partner does not answer it. */
    pxb_client other = bios;
    other.address = SCOPE_B + 20;
    assert_int_equal(explain(&other, SERVER_PLAN, text, sizeof text), PXB_DHCP_OK);
    assert_has(text, "dhcp2.corp.example (10.0.0.2): its failover relationships do not hold "
                     "the client's scope");
    dhcp2->read_code = 1722;
    assert_int_equal(explain(&bios, SERVER_PLAN, text, sizeof text), PXB_DHCP_FAILED);
    assert_has(text, "cannot be read");
}

/* ProxyDhcp=4011: the plan's answer includes the server option 060 PXEClient, so a server
 * that sends it answers as planned, and one that lacks it does not. */
static void test_explain_proxy_4011(void **state)
{
    static const char PLAN_4011[] = "BootServer=10.0.0.5\nProxyDhcp=4011\n";
    char text[32768];
    pxb_client bios = {.vendor_class = "PXEClient:Arch:00000:UNDI:002001",
                       .has_address = 1, .address = SCOPE_A + 20};

    (void)state;
    relate(dhcp1, DHCP1, dhcp2, DHCP2, "dhcp1-dhcp2", PXB_MS_FO_LOAD_BALANCE, SCOPE_A_ONLY);
    assert_int_equal(run(PXB_DHCP_APPLY, PLAN_4011, text, sizeof text), PXB_DHCP_OK);
    assert_int_equal(explain(&bios, PLAN_4011, text, sizeof text), PXB_DHCP_OK);
    assert_has(text, "    060 PXEClient  from server option");
    assert_int_equal(explain(&bios, SERVER_PLAN, text, sizeof text), PXB_DHCP_CHANGES);
    assert_has(text, "    060 PXEClient  from server option  (the plan: nothing)");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_load_balance_server_level, setup, teardown),
        cmocka_unit_test_setup_teardown(test_proxy_4011_on_partners, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hot_standby_some_scopes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stale_policy_on_partner, setup, teardown),
        cmocka_unit_test_setup_teardown(test_partner_unreadable, setup, teardown),
        cmocka_unit_test_setup_teardown(test_write_fails_on_second_partner, setup, teardown),
        cmocka_unit_test_setup_teardown(test_two_relationships, setup, teardown),
        cmocka_unit_test_setup_teardown(test_partners_compared, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_failover, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pre_2012, setup, teardown),
        cmocka_unit_test_setup_teardown(test_state_and_records, setup, teardown),
        cmocka_unit_test_setup_teardown(test_explain_partners, setup, teardown),
        cmocka_unit_test_setup_teardown(test_explain_proxy_4011, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
