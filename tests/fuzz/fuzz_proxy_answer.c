/* fuzz_proxy_answer.c: libFuzzer target for the proxyDHCP decision. The first input byte
 * picks the port (67 or 4011), the plan (ProxyDhcp off, on or 4011; plain, with Scopes,
 * ScopeBootServers and ExcludeMacs, or with an HTTP boot URL and a 200-byte script URL);
 * the rest is the datagram. Whatever it holds: the verdict is one of the decision's, a
 * reply comes only with an offer on 67 or an ack on 4011 and is a BOOTREPLY of 300 to
 * PXB_PROXY_REPLY_MAX bytes ending its options with an end option, off answers nothing,
 * and (ASan) nothing is read past the datagram. The flood guard takes the same bytes as a
 * key. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proxy_answer.h"
#include "proxy_guard.h"

#define PLAN_KINDS 3
#define MODES 3

static pxb_boot_plan plans[MODES][PLAN_KINDS];
static pxb_proxy_guard *guard;

static void load(pxb_boot_plan *plan, int mode, int kind)
{
    static const char *const mode_text[MODES] = {"off", "on", "4011"};
    static const char *const kind_text[PLAN_KINDS] = {
        "",
        "Scopes=10.0.0.0/24,10.2.0.0/16,192.168.0.0/16\nScopeBootServers=10.2.0.0/16=10.2.0.5\n"
        "ExcludeMacs=52:54:00:12:34:56\n",
        "HttpBootX64Url=http://10.0.0.5/ipxe.efi\nScriptUrl=http://10.0.0.5/"
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n"};
    char text[1024];
    pxb_error err;

    snprintf(text, sizeof text, "BootServer=10.0.0.5\nProxyDhcp=%s\n%s", mode_text[mode],
             kind_text[kind]);
    if (pxb_plan_parse(text, plan, &err) != 0) {
        fprintf(stderr, "plan %d/%d: %s\n", mode, kind, err.text);
        abort();
    }
}

static void setup(void)
{
    if (guard != NULL)
        return;
    for (int m = 0; m < MODES; m++)
        for (int k = 0; k < PLAN_KINDS; k++)
            load(&plans[m][k], m, k);
    guard = pxb_proxy_guard_create();
    if (guard == NULL)
        abort();
}

/* The reply's options, walked from the cookie: they end with an end option inside it. */
static void check_reply(const pxb_proxy_reply *r)
{
    size_t at = 240;

    if (r->len < 300 || r->len > PXB_PROXY_REPLY_MAX || r->data[0] != 2)
        abort();
    while (at < r->len && r->data[at] != 255)
        at += r->data[at] == 0 ? 1 : 2u + (at + 1 < r->len ? r->data[at + 1] : 0);
    if (at >= r->len || r->vendor == NULL || r->boot_file[0] == '\0')
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pxb_proxy_request req = {.local = 0x0A000005u, .source = 0x0A000032u,
                             .source_port = 68};
    pxb_proxy_client client;
    pxb_proxy_reply reply;
    enum pxb_proxy_verdict v;
    int mode, kind;
    static uint64_t now;

    setup();
    if (size < 1)
        return 0;
    req.port = (data[0] & 1) ? PXB_PROXY_PORT_PXE : PXB_PROXY_PORT_DHCP;
    mode = (data[0] >> 1) % MODES;
    kind = (data[0] >> 3) % PLAN_KINDS;
    req.data = data + 1;
    req.len = size - 1;
    memset(&reply, 0, sizeof reply);
    v = pxb_proxy_answer(&plans[mode][kind], &req, &client, &reply);
    if ((unsigned)v >= PXB_PROXY_FLOODED)
        abort();
    if (mode == PXB_PROXY_OFF && v != PXB_PROXY_NOT_FOR_PORT)
        abort();
    if (v == PXB_PROXY_OFFERED || v == PXB_PROXY_ACKED) {
        if ((v == PXB_PROXY_OFFERED) != (req.port == PXB_PROXY_PORT_DHCP))
            abort();
        check_reply(&reply);
    } else if (reply.len != 0) {
        abort();
    }
    pxb_proxy_guard_admit(guard, req.data, req.len, now++);
    return 0;
}
