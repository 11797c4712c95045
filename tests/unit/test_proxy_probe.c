/* test_proxy_probe.c: unit tests for the datagram `explain` hands the proxy for a described
 * client: a DHCPDISCOVER (67) or DHCPREQUEST (4011) from an Ethernet client with its MAC,
 * options 93, 60 (the firmware's when only the architecture is given) and 77, its address
 * in giaddr or ciaddr; and what the proxy answers it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "dhcp_dgram.h"
#include "proxy_probe.h"

#define LOCAL 0x0A000005u

static const uint8_t IPXE[] = {'i', 'P', 'X', 'E'};

static void load(pxb_boot_plan *plan, const char *text)
{
    pxb_error err = {0};

    if (pxb_plan_parse(text, plan, &err) != 0)
        fail_msg("parse failed: %s", err.text);
}

static void assert_probe_option(const pxb_proxy_probe *p, uint8_t code, const void *want,
                                size_t want_len)
{
    dgram_assert_option(p->data, p->req.len, code, want, want_len);
}

static void test_discover_from_arch_only(void **state)
{
    pxb_client c;
    pxb_proxy_probe p;
    static const uint8_t discover[] = {1}, arch[] = {0, 7};
    static const uint8_t mac[6] = {0, 0x15, 0x5d, 1, 2, 3};

    (void)state;
    memset(&c, 0, sizeof c);
    c.has_arch = 1;
    c.arch = 7;
    c.has_mac = 1;
    memcpy(c.mac.b, mac, 6);
    c.has_address = 1;
    c.address = 0x0A020000u;
    assert_int_equal(pxb_proxy_probe_build(&c, 67, LOCAL, &p), 0);
    assert_int_equal(p.data[0], 1);
    assert_int_equal(p.data[1], 1);
    assert_int_equal(p.data[2], 6);
    assert_memory_equal(p.data + AT_CHADDR, mac, 6);
    assert_int_equal(dgram_get32(p.data + AT_GIADDR), 0x0A020000u);
    assert_int_equal(dgram_get32(p.data + AT_COOKIE), 0x63825363u);
    assert_probe_option(&p, 53, discover, 1);
    assert_probe_option(&p, 93, arch, 2);
    assert_probe_option(&p, 60, "PXEClient:Arch:00007", 20);
    assert_int_equal(p.req.port, 67);
    assert_int_equal(p.req.local, LOCAL);
    assert_ptr_equal(p.req.data, p.data);
}

/* The request on 4011 comes from the client's address, or the listener's subnet. */
static void test_request_answered(void **state)
{
    pxb_boot_plan plan;
    pxb_client c;
    pxb_proxy_probe p;
    pxb_proxy_client who;
    pxb_proxy_reply r;
    static const uint8_t request[] = {3};

    (void)state;
    load(&plan, "BootServer=10.0.0.5\nProxyDhcp=on\n");
    memset(&c, 0, sizeof c);
    c.vendor_class = "PXEClient:Arch:00000:UNDI:002001";
    c.user_class = IPXE;
    c.user_class_len = sizeof IPXE;
    assert_int_equal(pxb_proxy_probe_build(&c, 4011, LOCAL, &p), 0);
    assert_probe_option(&p, 53, request, 1);
    assert_probe_option(&p, 77, IPXE, sizeof IPXE);
    assert_null(dgram_find(p.data, p.req.len, 93, &(size_t){0}));
    assert_int_equal(p.req.source, LOCAL);
    assert_int_equal(pxb_proxy_answer(&plan, &p.req, &who, &r), PXB_PROXY_ACKED);
    assert_string_equal(r.boot_file, "tftp://10.0.0.5/boot.ipxe");
    c.has_address = 1;
    c.address = 0x0A000032u;
    assert_int_equal(pxb_proxy_probe_build(&c, 4011, LOCAL, &p), 0);
    assert_int_equal(dgram_get32(p.data + AT_CIADDR), 0x0A000032u);
    assert_int_equal(p.req.source, 0x0A000032u);
}

static void test_too_long(void **state)
{
    pxb_client c;
    pxb_proxy_probe p;
    static char vendor[300];

    (void)state;
    memset(vendor, 'x', sizeof vendor - 1);
    memset(&c, 0, sizeof c);
    c.vendor_class = vendor;
    assert_int_equal(pxb_proxy_probe_build(&c, 67, LOCAL, &p), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_discover_from_arch_only),
        cmocka_unit_test(test_request_answered),
        cmocka_unit_test(test_too_long),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
