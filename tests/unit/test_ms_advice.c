/* test_ms_advice.c: unit tests for the advice on a failed Microsoft DHCP management call
 * (ms_advice.c): for every Win32 code it knows, the sentence names the call, the server, the
 * number and the code's name, and for the codes with advice says what to do next; an unknown
 * code is named as such; code 0 passes the message through; the caller's detail is appended;
 * a missing server name reads "this machine"; a short buffer is cut, never overrun. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "ms_advice.h"

typedef struct advice_case {
    unsigned long code;
    const char *name;
    const char *advice; /* NULL: the code has a name but no advice of its own */
} advice_case;

static const advice_case CODES[] = {
    {5, "ERROR_ACCESS_DENIED", "add this account to the 'DHCP Administrators' group"},
    {20121, "ERROR_DHCP_NO_ADMIN_PERMISSION", "add this account to the 'DHCP Administrators'"},
    {1722, "RPC_S_SERVER_UNAVAILABLE", "the server is not reachable: check that its name"},
    {20122, "ERROR_DHCP_SERVER_NOT_REACHABLE", "firewall lets DHCP Server management (RPC)"},
    {1753, "EPT_S_NOT_REGISTERED", "the DHCP Server service is not running on that server"},
    {20123, "ERROR_DHCP_SERVER_NOT_RUNNING", "(Start-Service DHCPServer)"},
    {1745, "RPC_S_PROCNUM_OUT_OF_RANGE", "uses the user-class fallback there"},
    {87, "ERROR_INVALID_PARAMETER", NULL},
    {234, "ERROR_MORE_DATA", NULL},
    {259, "ERROR_NO_MORE_ITEMS", NULL},
    {20005, "ERROR_DHCP_SUBNET_NOT_PRESENT", NULL},
    {20009, "ERROR_DHCP_OPTION_EXISTS", NULL},
    {20010, "ERROR_DHCP_OPTION_NOT_PRESENT", NULL},
    {20013, "ERROR_DHCP_JET_ERROR", NULL},
    {20044, "ERROR_DHCP_CLASS_NOT_FOUND", NULL},
    {20045, "ERROR_DHCP_CLASS_ALREADY_EXISTS", NULL},
    {20089, "ERROR_DHCP_DELETE_BUILTIN_CLASS", NULL},
    {20103, "ERROR_DHCP_OPTION_TYPE_MISMATCH", NULL},
    {20104, "ERROR_DHCP_POLICY_BAD_PARENT_EXPR", NULL},
    {20105, "ERROR_DHCP_POLICY_EXISTS", NULL},
    {20109, "ERROR_DHCP_INVALID_POLICY_EXPRESSION", NULL},
    {20110, "ERROR_DHCP_INVALID_PROCESSING_ORDER", NULL},
    {20111, "ERROR_DHCP_POLICY_NOT_FOUND", NULL},
    {424242, "an unknown error", NULL},
};

static pxb_ms_error make_error(unsigned long code, const char *call, const char *message)
{
    pxb_ms_error e;
    memset(&e, 0, sizeof e);
    pxb_error_set_code(&e.error, code, "%s", message);
    snprintf(e.call, sizeof e.call, "%s", call);
    return e;
}

/* Each code without detail: "<call> on <server> failed with <n> (<name>)", then ": <advice>"
 * when there is advice, and nothing more. */
static void test_each_code(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof CODES / sizeof CODES[0]; i++) {
        const advice_case *c = &CODES[i];
        pxb_ms_error e = make_error(c->code, "DhcpV4CreatePolicy", "");
        char out[1024], head[256];
        print_message("%lu\n", c->code);
        pxb_ms_advise(&e, "dhcp1", out, sizeof out);
        snprintf(head, sizeof head, "DhcpV4CreatePolicy on dhcp1 failed with %lu (%s)", c->code,
                 c->name);
        assert_memory_equal(out, head, strlen(head));
        if (c->advice == NULL) {
            assert_string_equal(out + strlen(head), "");
        } else {
            assert_memory_equal(out + strlen(head), ": ", 2);
            assert_non_null(strstr(out, c->advice));
        }
    }
}

/* Whole sentences: the backend's detail follows the advice after "; " or the code after
 * ": "; code 0 is the message alone, whatever the call and server; no server name, or an
 * empty one, is this machine. */
static const struct {
    unsigned long code;
    const char *call, *message, *server, *sentence;
} SENTENCES[] = {
    {5, "DhcpV4SetPolicy", "policy 'a'", "dhcp1",
     "DhcpV4SetPolicy on dhcp1 failed with 5 (ERROR_ACCESS_DENIED): access denied: add this "
     "account to the 'DHCP Administrators' group on that server (reads need 'DHCP Users'), "
     "then sign in again; policy 'a'"},
    {20105, "DhcpV4CreatePolicy", "policy 'pxebridge iPXE'", "dhcp1",
     "DhcpV4CreatePolicy on dhcp1 failed with 20105 (ERROR_DHCP_POLICY_EXISTS): policy "
     "'pxebridge iPXE'"},
    {0, "DhcpEnumPolicies", "the server sent a policy without a name", "dhcp1",
     "the server sent a policy without a name"},
    {87, "DhcpGetVersion", "", NULL,
     "DhcpGetVersion on this machine failed with 87 (ERROR_INVALID_PARAMETER)"},
    {1745, "DhcpV4EnumPolicies", "", "",
     "DhcpV4EnumPolicies on this machine failed with 1745 (RPC_S_PROCNUM_OUT_OF_RANGE): the "
     "server has no policy calls (Windows Server 2008 R2 or older): pxebridge uses the "
     "user-class fallback there; run plan again to see it"},
    {31, "DhcpGetVersion", "", "10.0.0.1",
     "DhcpGetVersion on 10.0.0.1 failed with 31 (an unknown error)"},
};

static void test_whole_sentences(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof SENTENCES / sizeof SENTENCES[0]; i++) {
        pxb_ms_error e = make_error(SENTENCES[i].code, SENTENCES[i].call, SENTENCES[i].message);
        char out[1024];
        pxb_ms_advise(&e, SENTENCES[i].server, out, sizeof out);
        assert_string_equal(out, SENTENCES[i].sentence);
    }
}

/* A short buffer holds a terminated start of the text and nothing is written past it. */
static void test_short_buffer(void **state)
{
    (void)state;
    pxb_ms_error e = make_error(1722, "DhcpGetVersion", "detail");
    char full[1024], out[64];
    pxb_ms_advise(&e, "dhcp1", full, sizeof full);
    memset(out, 'X', sizeof out);
    pxb_ms_advise(&e, "dhcp1", out, 20);
    assert_int_equal(strlen(out), 19);
    assert_memory_equal(out, full, 19);
    assert_int_equal(out[20], 'X');
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_each_code),
        cmocka_unit_test(test_whole_sentences),
        cmocka_unit_test(test_short_buffer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
