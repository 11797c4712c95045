/* test_ms_change.c: unit tests for one change to a Microsoft DHCP server (ms_change.c):
 * the change that undoes each kind, that undoing the undo gives the change back, the
 * one-line description of each kind (the "+", "-" and "~" lines of plan and verify
 * reports), a policy's conditions as text (user and vendor class, MAC in hex, begins and
 * ends with, other options, nested groups in parentheses, no conditions at all) and the
 * verb of each kind. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "ms_change.h"
#include "ms_state_build.h"

#define SCOPE 0x0A000000u /* 10.0.0.0 */

/* Changes hold whole policies: too large for the stack of a test. */
static pxb_ms_change change, undo, redo;

static int setup(void **state)
{
    (void)state;
    memset(&change, 0, sizeof change);
    memset(&undo, 0, sizeof undo);
    memset(&redo, 0, sizeof redo);
    return 0;
}

static unsigned add_expr(pxb_ms_policy *p, unsigned parent, enum pxb_ms_logic op)
{
    p->exprs[p->expr_count].parent = parent;
    p->exprs[p->expr_count].op = op;
    return (unsigned)p->expr_count++;
}

static void add_text_cond(pxb_ms_policy *p, unsigned parent, unsigned option, enum pxb_ms_cmp op,
                          const char *text)
{
    add_cond(p, parent, PXB_MS_ATTR_OPTION, option, op, text, strlen(text));
}

/* The policy pxebridge makes for iPXE clients at the given level and order. */
static void ipxe_policy(pxb_ms_policy *p, int global, unsigned order)
{
    snprintf(p->name, sizeof p->name, "pxebridge iPXE");
    p->level.global = global;
    p->level.subnet = global ? 0 : SCOPE;
    p->order = order;
    p->enabled = 1;
    add_text_cond(p, add_expr(p, 0, PXB_MS_AND), 77, PXB_MS_EQ, "iPXE");
    p->options.has[PXB_MS_OPT_066] = 1;
    snprintf(p->options.value[PXB_MS_OPT_066], PXB_PLAN_VALUE_MAX, "10.0.0.5");
    p->options.has[PXB_MS_OPT_067] = 1;
    snprintf(p->options.value[PXB_MS_OPT_067], PXB_PLAN_VALUE_MAX, "tftp://10.0.0.5/boot.ipxe");
}

static void value_change(enum pxb_ms_op op, enum pxb_ms_opt opt, const char *value,
                         const char *old_value)
{
    change.op = op;
    change.opt = opt;
    change.level.global = 1;
    snprintf(change.value, sizeof change.value, "%s", value);
    change.had_old = old_value != NULL;
    snprintf(change.old_value, sizeof change.old_value, "%s", old_value ? old_value : "");
}

/* The text one call writes, into one buffer shared by the tests. */
static char text_buf[8192];
static pxb_text text;

static pxb_text *start_text(void)
{
    pxb_text_init(&text, text_buf, sizeof text_buf);
    return &text;
}

static const char *written(void)
{
    assert_true(pxb_text_fits(&text));
    return text_buf;
}

static const char *describe(const pxb_ms_change *c)
{
    pxb_ms_change_describe(c, start_text());
    return written();
}

static const char *conditions(const pxb_ms_policy *p)
{
    pxb_ms_describe_conditions(p, start_text());
    return written();
}

/* Each kind of change is undone by its opposite; setting a value that was not there is undone
 * by removing it. */
static void test_invert_kinds(void **state)
{
    static const struct {
        enum pxb_ms_op op;
        int had_old;
        enum pxb_ms_op undo;
    } KINDS[] = {
        {PXB_MS_CREATE_OPTDEF, 0, PXB_MS_DELETE_OPTDEF},
        {PXB_MS_DELETE_OPTDEF, 0, PXB_MS_CREATE_OPTDEF},
        {PXB_MS_CREATE_CLASS, 0, PXB_MS_DELETE_CLASS},
        {PXB_MS_DELETE_CLASS, 0, PXB_MS_CREATE_CLASS},
        {PXB_MS_CREATE_POLICY, 0, PXB_MS_DELETE_POLICY},
        {PXB_MS_DELETE_POLICY, 0, PXB_MS_CREATE_POLICY},
        {PXB_MS_SET_POLICY, 0, PXB_MS_SET_POLICY},
        {PXB_MS_SET_VALUE, 1, PXB_MS_SET_VALUE},
        {PXB_MS_SET_VALUE, 0, PXB_MS_REMOVE_VALUE},
        {PXB_MS_REMOVE_VALUE, 1, PXB_MS_SET_VALUE},
    };
    (void)state;
    for (size_t i = 0; i < sizeof KINDS / sizeof KINDS[0]; i++) {
        change.op = KINDS[i].op;
        change.had_old = KINDS[i].had_old;
        pxb_ms_change_invert(&change, &undo);
        assert_int_equal(undo.op, KINDS[i].undo);
    }
}

/* A deleted class or policy comes back as it was: the undo carries the whole object. */
static void test_invert_keeps_deleted_object(void **state)
{
    (void)state;
    change.op = PXB_MS_DELETE_POLICY;
    ipxe_policy(&change.policy, 0, 2);
    pxb_ms_change_invert(&change, &undo);
    assert_int_equal(undo.op, PXB_MS_CREATE_POLICY);
    assert_string_equal(undo.policy.name, "pxebridge iPXE");
    assert_int_equal(undo.policy.order, 2);
    assert_true(pxb_ms_same_conditions(&undo.policy, &change.policy));
    assert_string_equal(undo.policy.options.value[PXB_MS_OPT_067], "tftp://10.0.0.5/boot.ipxe");

    change.op = PXB_MS_DELETE_CLASS;
    snprintf(change.cls.name, sizeof change.cls.name, "pxebridge class iPXE");
    memcpy(change.cls.data, "iPXE", 4);
    change.cls.data_len = 4;
    pxb_ms_change_invert(&change, &undo);
    assert_int_equal(undo.op, PXB_MS_CREATE_CLASS);
    assert_string_equal(undo.cls.name, "pxebridge class iPXE");
    assert_int_equal(undo.cls.data_len, 4);
}

/* Changing a policy is undone by the change back: new and old swap. */
static void test_invert_set_policy_swaps(void **state)
{
    (void)state;
    change.op = PXB_MS_SET_POLICY;
    change.fields = PXB_MS_FIELD_ORDER | PXB_MS_FIELD_DESCR;
    ipxe_policy(&change.policy, 1, 1);
    ipxe_policy(&change.old, 1, 3);
    snprintf(change.policy.description, sizeof change.policy.description, "new");
    snprintf(change.old.description, sizeof change.old.description, "old");
    pxb_ms_change_invert(&change, &undo);
    assert_int_equal(undo.fields, change.fields);
    assert_int_equal(undo.policy.order, 3);
    assert_string_equal(undo.policy.description, "old");
    assert_int_equal(undo.old.order, 1);
    assert_string_equal(undo.old.description, "new");
}

/* The value changes: the undo puts the old value back or takes the new one away, and the
 * undo of the undo is the change again. */
static void test_invert_values_round_trip(void **state)
{
    static const struct {
        enum pxb_ms_op op;
        const char *value, *old_value; /* old_value NULL: there was none */
        enum pxb_ms_op undo;
        const char *undo_value, *undo_old;
        int undo_had_old;
    } VALUES[] = {
        {PXB_MS_SET_VALUE, "10.0.0.5", "10.0.0.4", PXB_MS_SET_VALUE, "10.0.0.4", "10.0.0.5", 1},
        {PXB_MS_SET_VALUE, "10.0.0.5", NULL, PXB_MS_REMOVE_VALUE, "", "10.0.0.5", 1},
        {PXB_MS_REMOVE_VALUE, "", "undionly.kpxe", PXB_MS_SET_VALUE, "undionly.kpxe", "", 0},
    };
    (void)state;
    for (size_t i = 0; i < sizeof VALUES / sizeof VALUES[0]; i++) {
        value_change(VALUES[i].op, PXB_MS_OPT_066, VALUES[i].value, VALUES[i].old_value);
        pxb_ms_change_invert(&change, &undo);
        assert_int_equal(undo.op, VALUES[i].undo);
        assert_string_equal(undo.value, VALUES[i].undo_value);
        assert_string_equal(undo.old_value, VALUES[i].undo_old);
        assert_int_equal(undo.had_old, VALUES[i].undo_had_old);
        assert_int_equal(undo.opt, PXB_MS_OPT_066);
        pxb_ms_change_invert(&undo, &redo);
        assert_int_equal(redo.op, change.op);
        assert_string_equal(redo.value, change.value);
        assert_string_equal(redo.old_value, change.old_value);
        assert_int_equal(redo.had_old, change.had_old);
    }
}

/* One line for each kind: a sign, the object, where it is and what it holds. */
static void test_describe_objects(void **state)
{
    (void)state;
    change.op = PXB_MS_CREATE_OPTDEF;
    assert_string_equal(describe(&change),
                        "+ option definition 060 (string, IPv4) for UEFI HTTP boot and "
                        "ProxyDhcp=4011");
    change.op = PXB_MS_DELETE_OPTDEF;
    assert_string_equal(describe(&change), "- option definition 060 (created by pxebridge)");

    change.op = PXB_MS_CREATE_CLASS;
    snprintf(change.cls.name, sizeof change.cls.name, "pxebridge class iPXE");
    memcpy(change.cls.data, "iPXE", 4);
    change.cls.data_len = 4;
    assert_string_equal(describe(&change), "+ class 'pxebridge class iPXE' (user, data 'iPXE')");
    change.op = PXB_MS_DELETE_CLASS;
    change.cls.is_vendor = 1;
    memcpy(change.cls.data, "\x01\x02\xff", 3);
    change.cls.data_len = 3;
    assert_string_equal(describe(&change),
                        "- class 'pxebridge class iPXE' (vendor, data '01:02:ff')");

    change.op = PXB_MS_CREATE_POLICY;
    ipxe_policy(&change.policy, 1, 1);
    assert_string_equal(describe(&change),
                        "+ policy 'pxebridge iPXE' (order 1) on server: user class EQ iPXE -> "
                        "066 10.0.0.5, 067 tftp://10.0.0.5/boot.ipxe");
    change.op = PXB_MS_DELETE_POLICY;
    change.policy.level.global = 0;
    change.policy.level.subnet = SCOPE;
    change.policy.options.has[PXB_MS_OPT_066] = 0;
    assert_string_equal(describe(&change),
                        "- policy 'pxebridge iPXE' (order 1) on scope 10.0.0.0: user class EQ "
                        "iPXE -> 067 tftp://10.0.0.5/boot.ipxe");
}

/* A changed policy names each changed field, old then new, and nothing else. */
static void test_describe_set_policy(void **state)
{
    (void)state;
    change.op = PXB_MS_SET_POLICY;
    ipxe_policy(&change.policy, 0, 1);
    ipxe_policy(&change.old, 0, 3);
    change.old.conds[0].op = PXB_MS_NE;
    snprintf(change.policy.description, sizeof change.policy.description, "[pxebridge] iPXE");
    snprintf(change.old.description, sizeof change.old.description, "edited");

    change.fields = PXB_MS_FIELD_ORDER;
    assert_string_equal(describe(&change), "~ policy 'pxebridge iPXE' on scope 10.0.0.0: "
                                           "order 3 -> 1");
    change.fields = PXB_MS_FIELD_ORDER | PXB_MS_FIELD_EXPR | PXB_MS_FIELD_DESCR |
                    PXB_MS_FIELD_ENABLED;
    assert_string_equal(describe(&change),
                        "~ policy 'pxebridge iPXE' on scope 10.0.0.0: order 3 -> 1; conditions "
                        "user class NE iPXE -> user class EQ iPXE; description 'edited' -> "
                        "'[pxebridge] iPXE'; enabled again");
    change.fields = PXB_MS_FIELD_ENABLED;
    change.policy.enabled = 0;
    assert_string_equal(describe(&change), "~ policy 'pxebridge iPXE' on scope 10.0.0.0: "
                                           "disabled");
}

/* Option values: added, changed or removed, for everyone, one policy or one user class. */
static void test_describe_values(void **state)
{
    (void)state;
    value_change(PXB_MS_SET_VALUE, PXB_MS_OPT_067, "undionly.kpxe", NULL);
    assert_string_equal(describe(&change),
                        "+ option 067 = 'undionly.kpxe' on server, for every client");

    value_change(PXB_MS_SET_VALUE, PXB_MS_OPT_066, "10.0.0.5", "10.0.0.4");
    snprintf(change.policy_name, sizeof change.policy_name, "pxebridge iPXE");
    assert_string_equal(describe(&change), "~ option 066 '10.0.0.4' -> '10.0.0.5' on policy "
                                           "'pxebridge iPXE' (server)");

    value_change(PXB_MS_REMOVE_VALUE, PXB_MS_OPT_060, "", "HTTPClient");
    change.policy_name[0] = '\0';
    snprintf(change.class_name, sizeof change.class_name, "pxebridge class iPXE");
    change.level.global = 0;
    change.level.subnet = SCOPE;
    assert_string_equal(describe(&change), "- option 060 ('HTTPClient') for user class "
                                           "'pxebridge class iPXE' on scope 10.0.0.0");
}

/* The comparisons: EQ / NE, begins with as a trailing *, ends with as a leading *; MACs and
 * other bytes that are not text in hex; options other than 60 and 77 by number. */
static void test_describe_each_condition(void **state)
{
    static const uint8_t MAC[] = {0x00, 0x11, 0x22, 0x33, 0x44, 0x55};
    static const struct {
        enum pxb_ms_attr type;
        unsigned option, suboption;
        const char *vendor;
        enum pxb_ms_cmp op;
        const void *value;
        size_t len;
        const char *text;
    } CONDS[] = {
        {PXB_MS_ATTR_OPTION, 77, 0, "", PXB_MS_EQ, "iPXE", 4, "user class EQ iPXE"},
        {PXB_MS_ATTR_OPTION, 77, 0, "", PXB_MS_NE, "iPXE", 4, "user class NE iPXE"},
        {PXB_MS_ATTR_OPTION, 60, 0, "", PXB_MS_BEGINS, "PXEClient:Arch:00007", 20,
         "vendor class EQ PXEClient:Arch:00007*"},
        {PXB_MS_ATTR_OPTION, 60, 0, "", PXB_MS_NOT_BEGINS, "HTTPClient", 10,
         "vendor class NE HTTPClient*"},
        {PXB_MS_ATTR_OPTION, 60, 0, "", PXB_MS_ENDS, "UNDI:003016", 11,
         "vendor class EQ *UNDI:003016"},
        {PXB_MS_ATTR_OPTION, 60, 0, "", PXB_MS_NOT_ENDS, "UNDI:003016", 11,
         "vendor class NE *UNDI:003016"},
        {PXB_MS_ATTR_HWADDR, 0, 0, "", PXB_MS_NE, MAC, 6, "MAC NE 00:11:22:33:44:55"},
        {PXB_MS_ATTR_HWADDR, 0, 0, "", PXB_MS_BEGINS, MAC, 3, "MAC EQ 00:11:22*"},
        /* a MAC whose bytes happen to be printable is still a MAC */
        {PXB_MS_ATTR_HWADDR, 0, 0, "", PXB_MS_EQ, "bcdefg", 6, "MAC EQ 62:63:64:65:66:67"},
        {PXB_MS_ATTR_OPTION, 77, 0, "vendor space", PXB_MS_EQ, "iPXE", 4, "option 77.0 EQ iPXE"},
        {PXB_MS_ATTR_OPTION, 61, 0, "", PXB_MS_EQ, "\x01\xaa", 2, "option 61.0 EQ 01:aa"},
        {PXB_MS_ATTR_SUBOPTION, 82, 1, "", PXB_MS_EQ, "eth0", 4, "option 82.1 EQ eth0"},
        {PXB_MS_ATTR_FQDN, 0, 0, "", PXB_MS_ENDS, "lab.example", 11, "FQDN EQ *lab.example"},
    };
    (void)state;
    for (size_t i = 0; i < sizeof CONDS / sizeof CONDS[0]; i++) {
        pxb_ms_policy *p = &change.policy;
        memset(p, 0, sizeof *p);
        add_cond(p, add_expr(p, 0, PXB_MS_OR), CONDS[i].type, CONDS[i].option, CONDS[i].op,
                 CONDS[i].value, CONDS[i].len);
        p->conds[0].suboption = CONDS[i].suboption;
        snprintf(p->conds[0].vendor, sizeof p->conds[0].vendor, "%s", CONDS[i].vendor);
        assert_string_equal(conditions(p), CONDS[i].text);
    }
}

/* The tree pxebridge builds for a UEFI rule that leaves out iPXE and two MACs: the groups
 * under the root in parentheses when they join more than one part. */
static void test_describe_nested_conditions(void **state)
{
    pxb_ms_policy *p = &change.policy;
    (void)state;
    unsigned root = add_expr(p, 0, PXB_MS_AND);
    unsigned vendor = add_expr(p, root, PXB_MS_OR);
    unsigned user = add_expr(p, root, PXB_MS_AND);
    unsigned macs = add_expr(p, root, PXB_MS_AND);
    add_text_cond(p, vendor, 60, PXB_MS_BEGINS, "PXEClient:Arch:00007");
    add_text_cond(p, user, 77, PXB_MS_NE, "iPXE");
    add_cond(p, macs, PXB_MS_ATTR_HWADDR, 0, PXB_MS_NE, "\x00\x11\x22\x33\x44\x55", 6);
    add_cond(p, macs, PXB_MS_ATTR_HWADDR, 0, PXB_MS_NE, "\x00\x11\x22\x33\x44\x66", 6);
    assert_string_equal(conditions(p), "vendor class EQ PXEClient:Arch:00007* AND user class NE "
                                       "iPXE AND (MAC NE 00:11:22:33:44:55 AND MAC NE "
                                       "00:11:22:33:44:66)");

    /* A condition of the root comes before its groups; an OR group joins with OR. */
    p->exprs[macs].op = PXB_MS_OR;
    add_text_cond(p, root, 77, PXB_MS_EQ, "lab");
    assert_string_equal(conditions(p), "user class EQ lab AND vendor class EQ "
                                       "PXEClient:Arch:00007* AND user class NE iPXE AND (MAC "
                                       "NE 00:11:22:33:44:55 OR MAC NE 00:11:22:33:44:66)");
}

static void test_describe_no_conditions(void **state)
{
    (void)state;
    assert_string_equal(conditions(&change.policy), "(no conditions)");
}

/* The verbs of every kind, in the order of enum pxb_ms_op. */
static void test_verbs(void **state)
{
    (void)state;
    pxb_text *t = start_text();
    for (int op = PXB_MS_CREATE_OPTDEF; op <= PXB_MS_REMOVE_VALUE; op++) {
        change.op = (enum pxb_ms_op)op;
        pxb_text_printf(t, "%s%s", op ? " " : "", pxb_ms_change_verb(&change));
    }
    assert_string_equal(written(), "create-option-definition delete-option-definition "
                                   "create-class delete-class create-policy delete-policy "
                                   "set-policy set-value remove-value");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_invert_kinds, setup),
        cmocka_unit_test_setup(test_invert_keeps_deleted_object, setup),
        cmocka_unit_test_setup(test_invert_set_policy_swaps, setup),
        cmocka_unit_test_setup(test_invert_values_round_trip, setup),
        cmocka_unit_test_setup(test_describe_objects, setup),
        cmocka_unit_test_setup(test_describe_set_policy, setup),
        cmocka_unit_test_setup(test_describe_values, setup),
        cmocka_unit_test_setup(test_describe_each_condition, setup),
        cmocka_unit_test_setup(test_describe_nested_conditions, setup),
        cmocka_unit_test_setup(test_describe_no_conditions, setup),
        cmocka_unit_test_setup(test_verbs, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
