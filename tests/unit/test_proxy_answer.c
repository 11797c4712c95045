/* test_proxy_answer.c: unit tests for the proxyDHCP decision, judged by PXE 2.1, RFC 2131,
 * RFC 2132 and RFC 4578: what a BIOS iPXE ROM, an EDK2 x64 client (discover on 67, request
 * on 4011, boot server discovery), a relayed client, an HTTP boot client get, who gets
 * nothing (ExcludeMacs, outside Scopes, no rule, not PXE, the wrong port or mode), and that
 * bad datagrams are malformed, never answered. Datagrams come from dhcp_dgram.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "dhcp_dgram.h"
#include "proxy_answer.h"

#define SERVER 0x0A000005u /* 10.0.0.5 */
#define LOCAL 0x0A000005u  /* the listener's address */
#define CLIENT 0x0A000032u /* 10.0.0.50, the address the DHCP server gave */
#define BROADCAST 0xFFFFFFFFu

static const uint8_t MAC[6] = {0x52, 0x54, 0x00, 0x12, 0x34, 0x56};

/* One case's plan, client, reply and datagram: zeroed for each test. */
typedef struct proxy_case {
    pxb_boot_plan plan;
    pxb_proxy_client c;
    pxb_proxy_reply r;
    dhcp_dgram d;
} proxy_case;

static proxy_case *new_case(void)
{
    static proxy_case one;

    memset(&one, 0, sizeof one);
    return &one;
}

static void load(pxb_boot_plan *plan, const char *text)
{
    pxb_error err = {0};

    if (pxb_plan_parse(text, plan, &err) != 0)
        fail_msg("parse failed: %s", err.text);
}

static enum pxb_proxy_verdict answer(const pxb_boot_plan *plan, const dhcp_dgram *d,
                                     uint16_t port, pxb_proxy_client *c, pxb_proxy_reply *r)
{
    pxb_proxy_request req = {.data = d->b, .len = d->len, .port = port, .local = LOCAL,
                             .source = port == PXB_PROXY_PORT_PXE ? CLIENT : 0,
                             .source_port = PXB_PROXY_PORT_CLIENT};

    return pxb_proxy_answer(plan, &req, c, r);
}

static void assert_option(const pxb_proxy_reply *r, uint8_t code, const void *want,
                          size_t want_len)
{
    dgram_assert_option(r->data, r->len, code, want, want_len);
}

static void assert_text_option(const pxb_proxy_reply *r, uint8_t code, const char *want)
{
    assert_option(r, code, want, strlen(want));
}

static void assert_no_option(const pxb_proxy_reply *r, uint8_t code)
{
    size_t len;

    if (dgram_find(r->data, r->len, code, &len) != NULL)
        fail_msg("the reply carries option %u", code);
}

/* RFC 2131 2 and 4.3.1, PXE 2.1's proxy offer: a BOOTREPLY for this client's transaction,
 * no address offered, the boot server in siaddr, the magic cookie, BOOTP's minimum size. */
static void assert_reply_frame(const pxb_proxy_reply *r, const dhcp_dgram *req,
                               uint32_t siaddr)
{
    assert_true(r->len >= 300 && r->len <= PXB_PROXY_REPLY_MAX);
    assert_int_equal(r->data[0], 2);
    assert_memory_equal(r->data + 1, req->b + 1, 2);                 /* htype, hlen */
    assert_memory_equal(r->data + 4, req->b + 4, 4);                 /* xid */
    assert_memory_equal(r->data + AT_FLAGS, req->b + AT_FLAGS, 2);
    assert_int_equal(dgram_get32(r->data + AT_YIADDR), 0);
    assert_int_equal(dgram_get32(r->data + AT_SIADDR), siaddr);
    assert_memory_equal(r->data + AT_GIADDR, req->b + AT_GIADDR, 4);
    assert_memory_equal(r->data + AT_CHADDR, req->b + AT_CHADDR, 16);
    assert_int_equal(dgram_get32(r->data + AT_COOKIE), 0x63825363u);
}

static void assert_server_id(const pxb_proxy_reply *r, uint32_t addr)
{
    uint8_t want[4] = {(uint8_t)(addr >> 24), (uint8_t)(addr >> 16), (uint8_t)(addr >> 8),
                       (uint8_t)addr};
    assert_option(r, 54, want, sizeof want);
}

static void test_bios_ipxe_rom_gets_the_script(void **state)
{
    proxy_case *t = new_case();
    static const uint8_t msg[] = {2};

    (void)state;
    load(&t->plan, "BootServer=10.0.0.5\nProxyDhcp=on\n");
    dgram_start(&t->d, MAC, 0xCAFE0001u);
    dgram_byte(&t->d, 53, 1);
    dgram_arch(&t->d, 0);
    dgram_text(&t->d, 60, "PXEClient:Arch:00000:UNDI:002001");
    dgram_text(&t->d, 77, "iPXE");
    dgram_end(&t->d);
    assert_int_equal(answer(&t->plan, &t->d, 67, &t->c, &t->r), PXB_PROXY_OFFERED);
    assert_true(t->c.ipxe && t->c.has_arch && t->c.arch == 0 && t->c.has_mac);
    assert_int_equal(t->c.message_type, 1);
    assert_memory_equal(t->c.mac.b, MAC, 6);
    assert_reply_frame(&t->r, &t->d, SERVER);
    assert_option(&t->r, 53, msg, 1);
    assert_text_option(&t->r, 67, "tftp://10.0.0.5/boot.ipxe");
    assert_string_equal((const char *)t->r.data + AT_FILE, "tftp://10.0.0.5/boot.ipxe");
    assert_text_option(&t->r, 60, "PXEClient");
    assert_string_equal(t->r.boot_file, "tftp://10.0.0.5/boot.ipxe");
    assert_int_equal(t->r.next_server, SERVER);
}

/* What EDK2 x64 is told on either port: the frame, 53 (offer or ack), 54 the listener,
 * 60 PXEClient, its GUID back in 97, snponly.efi in 67 and in the file field, no 43 (in an
 * offer, 43 would send iPXE to port 67 instead of 4011). */
static void assert_edk2_reply(const pxb_proxy_reply *r, const dhcp_dgram *d, uint8_t type)
{
    assert_reply_frame(r, d, SERVER);
    assert_option(r, 53, &type, 1);
    assert_server_id(r, LOCAL);
    assert_text_option(r, 60, "PXEClient");
    assert_option(r, 97, DGRAM_UUID, sizeof DGRAM_UUID);
    assert_text_option(r, 67, "snponly.efi");
    assert_string_equal((const char *)r->data + AT_FILE, "snponly.efi");
    assert_no_option(r, 43);
    assert_string_equal(r->vendor, "PXEClient");
}

static void test_edk2_x64_discover_then_request(void **state)
{
    proxy_case *t = new_case();

    (void)state;
    load(&t->plan, "BootServer=10.0.0.5\nProxyDhcp=on\n");
    dgram_edk2(&t->d, MAC, 1);
    dgram_u32(&t->d, AT_FLAGS, 0x80000000u >> 16); /* broadcast flag */
    dgram_end(&t->d);
    assert_int_equal(answer(&t->plan, &t->d, 67, &t->c, &t->r), PXB_PROXY_OFFERED);
    assert_true(t->c.has_arch && t->c.arch == 7 && !t->c.ipxe);
    assert_edk2_reply(&t->r, &t->d, 2);
    assert_int_equal(dgram_get32(t->r.data + AT_CIADDR), 0);
    assert_int_equal(t->r.to, BROADCAST);
    assert_int_equal(t->r.to_port, 68);
    /* then its DHCPREQUEST to option 54's address on 4011, from the address it got */
    dgram_edk2(&t->d, MAC, 3);
    dgram_u32(&t->d, AT_CIADDR, CLIENT);
    dgram_end(&t->d);
    assert_int_equal(answer(&t->plan, &t->d, 4011, &t->c, &t->r), PXB_PROXY_ACKED);
    assert_int_equal(t->c.message_type, 3);
    assert_edk2_reply(&t->r, &t->d, 5);
    assert_int_equal(dgram_get32(t->r.data + AT_CIADDR), CLIENT);
    assert_int_equal(t->r.to, CLIENT);
    assert_int_equal(t->r.to_port, 68);
}

/* PXE 2.1 boot server discovery: the request names a boot item (43, sub-option 71); the
 * ack names it back (an offer never carries 43). DHCPINFORM is answered on 4011 as
 * DHCPREQUEST is. */
static void test_boot_item_echoed(void **state)
{
    proxy_case *t = new_case();
    static const uint8_t item[] = {71, 4, 0x80, 0x00, 0x00, 0x00, 255};

    (void)state;
    load(&t->plan, "BootServer=10.0.0.5\nProxyDhcp=4011\n");
    dgram_edk2(&t->d, MAC, 8);
    dgram_opt(&t->d, 43, item, sizeof item);
    dgram_end(&t->d);
    assert_int_equal(answer(&t->plan, &t->d, 4011, &t->c, &t->r), PXB_PROXY_ACKED);
    assert_option(&t->r, 43, item, sizeof item);
    assert_int_equal(t->r.to, CLIENT);
    /* a discover naming one is offered no 43: iPXE would then ask on 67, not 4011 */
    load(&t->plan, "BootServer=10.0.0.5\nProxyDhcp=on\n");
    dgram_edk2(&t->d, MAC, 1);
    dgram_opt(&t->d, 43, item, sizeof item);
    dgram_end(&t->d);
    assert_int_equal(answer(&t->plan, &t->d, 67, &t->c, &t->r), PXB_PROXY_OFFERED);
    assert_no_option(&t->r, 43);
}

static void test_relayed_discover(void **state)
{
    proxy_case *t = new_case();

    (void)state;
    load(&t->plan, "BootServer=10.0.0.5\nProxyDhcp=on\nScopes=10.1.0.0/24 10.2.0.0/24\n"
                "ScopeBootServers=10.2.0.0/24=10.2.0.5\n");
    dgram_edk2(&t->d, MAC, 1);
    dgram_u32(&t->d, AT_GIADDR, 0x0A020001u);
    dgram_end(&t->d);
    assert_int_equal(answer(&t->plan, &t->d, 67, &t->c, &t->r), PXB_PROXY_OFFERED);
    assert_reply_frame(&t->r, &t->d, 0x0A020005u);
    assert_int_equal(t->r.to, 0x0A020001u);
    assert_int_equal(t->r.to_port, 67);
    assert_int_equal(t->r.next_server, 0x0A020005u);
}

static void test_http_boot_client(void **state)
{
    proxy_case *t = new_case();

    (void)state;
    load(&t->plan, "BootServer=10.0.0.5\nProxyDhcp=on\nHttpBootX64Url=http://10.0.0.5/ipxe.efi\n");
    dgram_start(&t->d, MAC, 7);
    dgram_byte(&t->d, 53, 1);
    dgram_arch(&t->d, 16);
    dgram_text(&t->d, 60, "HTTPClient:Arch:00016:UNDI:003001");
    dgram_end(&t->d);
    assert_int_equal(answer(&t->plan, &t->d, 67, &t->c, &t->r), PXB_PROXY_OFFERED);
    assert_text_option(&t->r, 67, "http://10.0.0.5/ipxe.efi");
    assert_text_option(&t->r, 60, "HTTPClient");
    assert_string_equal(t->r.vendor, "HTTPClient");
}

/* The reply to an iPXE client when ScriptUrl is a URL of len bytes. */
static void offer_script_url(size_t len, char *url, pxb_proxy_reply *r)
{
    pxb_boot_plan plan;
    pxb_proxy_client c;
    dhcp_dgram d;
    char text[600];

    memset(url, 0, 256);
    memcpy(url, "http://10.0.0.5/", 16);
    memset(url + 16, 'a', len - 16);
    snprintf(text, sizeof text, "BootServer=10.0.0.5\nProxyDhcp=on\nScriptUrl=%s\n", url);
    load(&plan, text);
    dgram_edk2(&d, MAC, 1);
    dgram_text(&d, 77, "iPXE");
    dgram_end(&d);
    assert_int_equal(answer(&plan, &d, 67, &c, r), PXB_PROXY_OFFERED);
    assert_text_option(r, 67, url);
    assert_option(r, 97, DGRAM_UUID, sizeof DGRAM_UUID);
    assert_true(r->len <= PXB_PROXY_REPLY_MAX);
}

/* The file field holds 127 bytes and its NUL; a longer URL goes in option 67 only. */
static void test_long_url_only_in_option_67(void **state)
{
    pxb_proxy_reply r;
    char url[256];

    (void)state;
    offer_script_url(127, url, &r);
    assert_string_equal((const char *)r.data + AT_FILE, url);
    offer_script_url(128, url, &r);
    assert_int_equal(r.data[AT_FILE], 0);
    offer_script_url(255, url, &r);
    assert_int_equal(r.data[AT_FILE], 0);
}

static enum pxb_proxy_verdict discover_verdict(const char *plan_text, const char *vendor,
                                               unsigned arch, uint32_t giaddr)
{
    proxy_case *t = new_case();

    load(&t->plan, plan_text);
    dgram_start(&t->d, MAC, 9);
    dgram_byte(&t->d, 53, 1);
    dgram_arch(&t->d, arch);
    dgram_text(&t->d, 60, vendor);
    dgram_u32(&t->d, AT_GIADDR, giaddr);
    dgram_end(&t->d);
    return answer(&t->plan, &t->d, 67, &t->c, &t->r);
}

static void test_clients_left_alone(void **state)
{
    const char *x64 = "PXEClient:Arch:00007:UNDI:003016";

    (void)state;
    assert_int_equal(discover_verdict("BootServer=10.0.0.5\nProxyDhcp=on\n"
                                      "ExcludeMacs=52:54:00:12:34:56\n", x64, 7, 0),
                     PXB_PROXY_EXCLUDED);
    assert_int_equal(discover_verdict("BootServer=10.0.0.5\nProxyDhcp=on\n"
                                      "Scopes=10.1.0.0/24\n", x64, 7, 0x0A090001u),
                     PXB_PROXY_OUT_OF_SCOPE);
    /* unrelayed: the receiving address (10.0.0.5) is outside 10.1.0.0/24 */
    assert_int_equal(discover_verdict("BootServer=10.0.0.5\nProxyDhcp=on\n"
                                      "Scopes=10.1.0.0/24\n", x64, 7, 0),
                     PXB_PROXY_OUT_OF_SCOPE);
    assert_int_equal(discover_verdict("BootServer=10.0.0.5\nProxyDhcp=on\n",
                                      "PXEClient:Arch:00011:UNDI:003016", 11, 0),
                     PXB_PROXY_NO_RULE);
    assert_int_equal(discover_verdict("BootServer=10.0.0.5\nProxyDhcp=on\n", "MSFT 5.0", 7, 0),
                     PXB_PROXY_NOT_PXE);
    assert_int_equal(discover_verdict("BootServer=10.0.0.5\nProxyDhcp=off\n", x64, 7, 0),
                     PXB_PROXY_NOT_FOR_PORT);
    assert_int_equal(discover_verdict("BootServer=10.0.0.5\nProxyDhcp=4011\n", x64, 7, 0),
                     PXB_PROXY_NOT_FOR_PORT);
}

/* 67 answers DHCPDISCOVER only, 4011 DHCPREQUEST and DHCPINFORM only; off answers none. */
static void test_message_types_per_port(void **state)
{
    proxy_case *t = new_case();

    (void)state;
    load(&t->plan, "BootServer=10.0.0.5\nProxyDhcp=on\n");
    dgram_edk2(&t->d, MAC, 3);
    dgram_end(&t->d);
    assert_int_equal(answer(&t->plan, &t->d, 67, &t->c, &t->r), PXB_PROXY_NOT_FOR_PORT);
    assert_int_equal(t->c.message_type, 3);
    dgram_edk2(&t->d, MAC, 1);
    dgram_end(&t->d);
    assert_int_equal(answer(&t->plan, &t->d, 4011, &t->c, &t->r), PXB_PROXY_NOT_FOR_PORT);
    assert_int_equal(answer(&t->plan, &t->d, 69, &t->c, &t->r), PXB_PROXY_NOT_FOR_PORT);
    dgram_start(&t->d, MAC, 1); /* BOOTP: no option 53 */
    dgram_text(&t->d, 60, "PXEClient");
    dgram_end(&t->d);
    assert_int_equal(answer(&t->plan, &t->d, 67, &t->c, &t->r), PXB_PROXY_NOT_FOR_PORT);
    load(&t->plan, "BootServer=10.0.0.5\nProxyDhcp=off\n");
    dgram_edk2(&t->d, MAC, 3);
    dgram_end(&t->d);
    assert_int_equal(answer(&t->plan, &t->d, 4011, &t->c, &t->r), PXB_PROXY_NOT_FOR_PORT);
}

static void test_malformed(void **state)
{
    proxy_case *t = new_case();
    uint8_t *big = calloc(1, 65535), uuid[255];
    pxb_proxy_request req = {.port = 67, .local = LOCAL};

    (void)state;
    assert_non_null(big);
    load(&t->plan, "BootServer=10.0.0.5\nProxyDhcp=on\n");
    req.data = big;
    req.len = 0;
    assert_int_equal(pxb_proxy_answer(&t->plan, &req, &t->c, &t->r), PXB_PROXY_MALFORMED);
    req.len = 65535; /* zeros: no magic cookie */
    assert_int_equal(pxb_proxy_answer(&t->plan, &req, &t->c, &t->r), PXB_PROXY_MALFORMED);
    dgram_edk2(&t->d, MAC, 1);
    dgram_end(&t->d);
    memcpy(big, t->d.b, t->d.len); /* a discover then pads to 65535 bytes: well formed */
    assert_int_equal(pxb_proxy_answer(&t->plan, &req, &t->c, &t->r), PXB_PROXY_OFFERED);
    free(big);
    t->d.b[0] = 2; /* a BOOTREPLY */
    assert_int_equal(answer(&t->plan, &t->d, 67, &t->c, &t->r), PXB_PROXY_MALFORMED);
    assert_false(t->c.has_mac);
    t->d.b[0] = 1;
    t->d.b[2] = 17; /* hlen past chaddr */
    assert_int_equal(answer(&t->plan, &t->d, 67, &t->c, &t->r), PXB_PROXY_MALFORMED);
    t->d.b[2] = 6;
    t->d.len--; /* no end option */
    assert_int_equal(answer(&t->plan, &t->d, 67, &t->c, &t->r), PXB_PROXY_MALFORMED);
    /* RFC 4578 2.2: option 97 is type 0 and 16 bytes; another cannot be echoed as PXE
       requires */
    memset(uuid, 0, sizeof uuid);
    dgram_start(&t->d, MAC, 1);
    dgram_byte(&t->d, 53, 1);
    dgram_text(&t->d, 60, "PXEClient:Arch:00007:UNDI:003016");
    dgram_opt(&t->d, 97, uuid, sizeof uuid);
    dgram_end(&t->d);
    assert_int_equal(answer(&t->plan, &t->d, 67, &t->c, &t->r), PXB_PROXY_MALFORMED);
}

static void test_verdict_names(void **state)
{
    (void)state;
    assert_string_equal(pxb_proxy_verdict_name(PXB_PROXY_OFFERED), "offered");
    assert_string_equal(pxb_proxy_verdict_name(PXB_PROXY_NOT_FOR_PORT), "not_for_port");
    assert_string_equal(pxb_proxy_verdict_name(PXB_PROXY_FLOODED), "flooded");
    assert_string_equal(pxb_proxy_verdict_name(PXB_PROXY_VERDICTS), "unknown");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bios_ipxe_rom_gets_the_script),
        cmocka_unit_test(test_edk2_x64_discover_then_request),
        cmocka_unit_test(test_boot_item_echoed),
        cmocka_unit_test(test_relayed_discover),
        cmocka_unit_test(test_http_boot_client),
        cmocka_unit_test(test_long_url_only_in_option_67),
        cmocka_unit_test(test_clients_left_alone),
        cmocka_unit_test(test_message_types_per_port),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_verdict_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
