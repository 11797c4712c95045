/* explain_proxy.c: what the proxyDHCP responder would answer an explained client (see
 * explain_proxy.h). */
#include "explain_proxy.h"

#include <string.h>

#include "console.h"
#include "proxy_probe.h"

static void ask(const pxb_boot_plan *plan, const pxb_client *c, cli_proxy_port *p)
{
    static pxb_proxy_probe probe;
    pxb_proxy_client who;

    if (pxb_proxy_probe_build(c, p->port, plan->server, &probe) != 0) {
        p->verdict = PXB_PROXY_MALFORMED;
        return;
    }
    p->verdict = pxb_proxy_answer(plan, &probe.req, &who, &p->reply);
}

void cli_proxy_view_make(const pxb_boot_plan *plan, const pxb_client *c, cli_proxy_view *out)
{
    memset(out, 0, sizeof *out);
    out->mode = plan->proxy_dhcp;
    if (pxb_plan_get(plan, "ProxyDhcp", out->mode_text, sizeof out->mode_text) != 0)
        strcpy(out->mode_text, "?");
    out->placed = plan->scope_count == 0 || c->has_address;
    out->ports[0].port = PXB_PROXY_PORT_DHCP;
    out->ports[1].port = PXB_PROXY_PORT_PXE;
    if (out->mode == PXB_PROXY_OFF || !out->placed)
        return;
    for (size_t i = 0; i < CLI_PROXY_PORTS; i++)
        ask(plan, c, &out->ports[i]);
}

static int answered(const cli_proxy_port *p)
{
    return p->verdict == PXB_PROXY_OFFERED || p->verdict == PXB_PROXY_ACKED;
}

static void port_text(const cli_proxy_port *p)
{
    char server[PXB_IPV4_TEXT_MAX];

    if (!answered(p)) {
        cli_printf(CLI_STDOUT, "          port %-4u not answered (%s)\n", p->port,
                   pxb_proxy_verdict_name(p->verdict));
        return;
    }
    pxb_ipv4_format(p->reply.next_server, server);
    cli_printf(CLI_STDOUT, "          port %-4u %s: next-server %s, boot file %s, 060 %s\n",
               p->port, p->verdict == PXB_PROXY_OFFERED ? "DHCPOFFER" : "DHCPACK", server,
               p->reply.boot_file, p->reply.vendor);
}

void cli_proxy_view_text(const cli_proxy_view *v)
{
    if (v->mode == PXB_PROXY_OFF)
        return;
    cli_printf(CLI_STDOUT, "Proxy:    ProxyDhcp=%s: this service answers PXE clients itself\n",
               v->mode_text);
    if (!v->placed) {
        cli_printf(CLI_STDOUT, "          give --subnet: the proxy answers by the address a "
                   "request comes from, and the plan has Scopes\n");
        return;
    }
    for (size_t i = 0; i < CLI_PROXY_PORTS; i++)
        port_text(&v->ports[i]);
}

static void port_json(pxb_json *j, const cli_proxy_port *p)
{
    char server[PXB_IPV4_TEXT_MAX];
    int yes = answered(p);

    pxb_ipv4_format(p->reply.next_server, server);
    pxb_json_begin_object(j);
    pxb_json_field_string(j, "verdict", pxb_proxy_verdict_name(p->verdict));
    pxb_json_field_string(j, "next_server", yes && p->reply.next_server ? server : NULL);
    pxb_json_field_string(j, "boot_file", yes ? p->reply.boot_file : NULL);
    pxb_json_field_string(j, "vendor_class", yes ? p->reply.vendor : NULL);
    pxb_json_end_object(j);
}

void cli_proxy_view_json(pxb_json *j, const cli_proxy_view *v)
{
    pxb_json_key(j, "proxy");
    if (v->mode == PXB_PROXY_OFF) {
        pxb_json_null(j);
        return;
    }
    pxb_json_begin_object(j);
    pxb_json_field_string(j, "mode", v->mode_text);
    pxb_json_field_bool(j, "placed", v->placed);
    pxb_json_key(j, "port_67");
    if (v->placed)
        port_json(j, &v->ports[0]);
    else
        pxb_json_null(j);
    pxb_json_key(j, "port_4011");
    if (v->placed)
        port_json(j, &v->ports[1]);
    else
        pxb_json_null(j);
    pxb_json_end_object(j);
}
