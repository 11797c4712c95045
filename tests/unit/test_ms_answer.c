/* test_ms_answer.c: unit tests for what a Microsoft DHCP server as read hands a client
 * (ms_answer.c): Microsoft's precedence (scope policy, scope option, server policy, server
 * option), processing order and disabled policies, each comparator (EQ, NE, BeginsWith,
 * NotBeginsWith, EndsWith, NotEndsWith) on the vendor class, the user class and the MAC, AND
 * and OR trees with a sub-expression, a value for the client's user class (servers without
 * policies), and the client's scope picked among the server's. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "ms_answer.h"
#include "ms_state_build.h"

#define SCOPE_A 0x0A010000u /* 10.1.0.0 */
#define SCOPE_B 0x0A020000u /* 10.2.0.0 */

static pxb_ms_state s;

static int setup(void **state)
{
    (void)state;
    pxb_ms_state_init(&s);
    s.major = 10;
    s.has_policies = 1;
    pxb_ms_add_subnet(&s, SCOPE_A);
    pxb_ms_add_subnet(&s, SCOPE_B);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    pxb_ms_state_free(&s);
    return 0;
}

static void set_opt(pxb_ms_options *o, enum pxb_ms_opt opt, const char *value)
{
    o->has[opt] = 1;
    strcpy(o->value[opt], value);
}

/* A policy at subnet (0 = server level) with one expression of op and no condition yet. */
static pxb_ms_policy *add_policy(const char *name, uint32_t subnet, unsigned order,
                                 enum pxb_ms_logic op, const char *file)
{
    pxb_ms_policy *p = pxb_ms_add_policy(&s);
    strcpy(p->name, name);
    p->level.global = subnet == 0;
    p->level.subnet = subnet;
    p->order = order;
    p->enabled = 1;
    p->expr_count = 1;
    p->exprs[0].op = op;
    set_opt(&p->options, PXB_MS_OPT_067, file);
    return p;
}

static void add_value(uint32_t subnet, const char *class_name, const char *file)
{
    pxb_ms_values *v = pxb_ms_add_values(&s);
    v->level.global = subnet == 0;
    v->level.subnet = subnet;
    strcpy(v->class_name, class_name);
    set_opt(&v->options, PXB_MS_OPT_067, file);
}

/* A client: vendor class, user class (NULL: none), address (0: none). */
static pxb_client client(const char *vendor, const char *user, uint32_t address)
{
    pxb_client c;
    memset(&c, 0, sizeof c);
    c.vendor_class = vendor;
    c.user_class = (const uint8_t *)user;
    c.user_class_len = user ? strlen(user) : 0;
    c.has_address = address != 0;
    c.address = address;
    return c;
}

static const char *file_for(const pxb_client *c, const char **source)
{
    static pxb_ms_answer a;
    pxb_ms_answer_client(&s, c, &a);
    *source = a.source[PXB_MS_OPT_067];
    return a.has[PXB_MS_OPT_067] ? a.value[PXB_MS_OPT_067] : "";
}

static void test_precedence(void **state)
{
    const char *src;
    pxb_client in_a = client("PXEClient:Arch:00000", NULL, SCOPE_A + 7);
    pxb_client in_b = client("PXEClient:Arch:00000", NULL, SCOPE_B + 7);

    (void)state;
    assert_string_equal(file_for(&in_a, &src), "");
    add_value(0, "", "server-option");
    assert_string_equal(file_for(&in_a, &src), "server-option");
    assert_string_equal(src, "server option");
    add_cond(add_policy("server pol", 0, 1, PXB_MS_OR, "server-policy"), 0,
             PXB_MS_ATTR_OPTION, 60, PXB_MS_BEGINS, "PXEClient", 9);
    assert_string_equal(file_for(&in_a, &src), "server-policy");
    assert_string_equal(src, "policy 'server pol' (server, order 1)");
    add_value(SCOPE_A, "", "scope-option");
    assert_string_equal(file_for(&in_a, &src), "scope-option");
    assert_string_equal(src, "scope 10.1.0.0 option");
    assert_string_equal(file_for(&in_b, &src), "server-policy");
    add_cond(add_policy("scope pol", SCOPE_A, 1, PXB_MS_OR, "scope-policy"), 0,
             PXB_MS_ATTR_OPTION, 60, PXB_MS_BEGINS, "PXEClient", 9);
    assert_string_equal(file_for(&in_a, &src), "scope-policy");
    /* A client without an address: the server level only. */
    pxb_client nowhere = client("PXEClient:Arch:00000", NULL, 0);
    assert_string_equal(file_for(&nowhere, &src), "server-policy");
}

static void test_order_and_enabled(void **state)
{
    const char *src;
    pxb_client c = client("PXEClient:Arch:00007", "iPXE", 0);

    (void)state;
    add_cond(add_policy("second", 0, 2, PXB_MS_OR, "two"), 0, PXB_MS_ATTR_OPTION, 77,
             PXB_MS_EQ, "iPXE", 4);
    pxb_ms_policy *first = add_policy("first", 0, 1, PXB_MS_OR, "one");
    add_cond(first, 0, PXB_MS_ATTR_OPTION, 77, PXB_MS_EQ, "iPXE", 4);
    assert_string_equal(file_for(&c, &src), "one");
    first->enabled = 0;
    assert_string_equal(file_for(&c, &src), "two");
    /* The first policy sets 066 only: 067 still comes from the second. */
    first->enabled = 1;
    first->options.has[PXB_MS_OPT_067] = 0;
    set_opt(&first->options, PXB_MS_OPT_066, "10.0.0.9");
    pxb_ms_answer a;
    pxb_ms_answer_client(&s, &c, &a);
    assert_string_equal(a.value[PXB_MS_OPT_066], "10.0.0.9");
    assert_string_equal(a.value[PXB_MS_OPT_067], "two");
}

static void test_comparators(void **state)
{
    static const struct {
        enum pxb_ms_cmp op;
        const char *value;
        int bios, uefi, none;
    } CASES[] = {
        {PXB_MS_EQ, "PXEClient:Arch:00000", 1, 0, 0},
        {PXB_MS_NE, "PXEClient:Arch:00000", 0, 1, 1},
        {PXB_MS_BEGINS, "PXEClient:Arch:0000", 1, 1, 0},
        {PXB_MS_NOT_BEGINS, "PXEClient:Arch:00000", 0, 1, 1},
        {PXB_MS_ENDS, "00007", 0, 1, 0},
        {PXB_MS_NOT_ENDS, "00007", 1, 0, 1},
    };
    const char *src;
    pxb_client bios = client("PXEClient:Arch:00000", NULL, 0);
    pxb_client uefi = client("PXEClient:Arch:00007", NULL, 0);
    pxb_client none = client(NULL, NULL, 0);

    (void)state;
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        teardown(NULL);
        setup(NULL);
        add_cond(add_policy("p", 0, 1, PXB_MS_OR, "hit"), 0, PXB_MS_ATTR_OPTION, 60,
                 CASES[i].op, CASES[i].value, strlen(CASES[i].value));
        assert_int_equal(strcmp(file_for(&bios, &src), "hit") == 0, CASES[i].bios);
        assert_int_equal(strcmp(file_for(&uefi, &src), "hit") == 0, CASES[i].uefi);
        assert_int_equal(strcmp(file_for(&none, &src), "hit") == 0, CASES[i].none);
    }
}

static void test_trees_and_mac(void **state)
{
    static const uint8_t MAC[6] = {0x52, 0x54, 0, 0, 0, 0x99};
    const char *src;
    pxb_client c = client("PXEClient:Arch:00007", NULL, 0);
    pxb_client ipxe = client("PXEClient:Arch:00007", "iPXE", 0);

    (void)state;
    /* vendor BEGINS PXEClient AND (user class NE iPXE) AND MAC NE 52:54:00:00:00:99 */
    pxb_ms_policy *p = add_policy("p", 0, 1, PXB_MS_AND, "hit");
    p->expr_count = 2;
    p->exprs[1].parent = 0;
    p->exprs[1].op = PXB_MS_OR;
    add_cond(p, 0, PXB_MS_ATTR_OPTION, 60, PXB_MS_BEGINS, "PXEClient", 9);
    add_cond(p, 1, PXB_MS_ATTR_OPTION, 77, PXB_MS_NE, "iPXE", 4);
    add_cond(p, 0, PXB_MS_ATTR_HWADDR, 0, PXB_MS_NE, MAC, 6);
    assert_string_equal(file_for(&c, &src), "hit");
    assert_string_equal(file_for(&ipxe, &src), "");
    c.has_mac = 1;
    memcpy(c.mac.b, MAC, 6);
    assert_string_equal(file_for(&c, &src), "");
    c.mac.b[5] = 0x98;
    assert_string_equal(file_for(&c, &src), "hit");
}

static void test_user_class_values(void **state)
{
    const char *src;
    pxb_client ipxe = client("PXEClient:Arch:00000", "iPXE", SCOPE_A + 1);
    pxb_client rom = client("PXEClient:Arch:00000", NULL, SCOPE_A + 1);

    (void)state;
    s.has_policies = 0;
    pxb_ms_class *cls = pxb_ms_add_class(&s);
    strcpy(cls->name, "iPXE clients");
    memcpy(cls->data, "iPXE", 4);
    cls->data_len = 4;
    add_value(0, "", "undionly.kpxe");
    add_value(0, "iPXE clients", "boot.ipxe");
    assert_string_equal(file_for(&ipxe, &src), "boot.ipxe");
    assert_string_equal(src, "server value for user class 'iPXE clients'");
    assert_string_equal(file_for(&rom, &src), "undionly.kpxe");
    /* A scope's plain value comes before the server's value for the class. */
    add_value(SCOPE_A, "", "scope.0");
    assert_string_equal(file_for(&ipxe, &src), "scope.0");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_precedence, setup, teardown),
        cmocka_unit_test_setup_teardown(test_order_and_enabled, setup, teardown),
        cmocka_unit_test_setup_teardown(test_comparators, setup, teardown),
        cmocka_unit_test_setup_teardown(test_trees_and_mac, setup, teardown),
        cmocka_unit_test_setup_teardown(test_user_class_values, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
