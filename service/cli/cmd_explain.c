/* cmd_explain.c: `pxebridge explain`: describes a DHCP client by what it sends (option
 * 93, 60, 77, MAC, address) and prints which rule of the boot plan it hits, what it
 * receives and why (dhcpext/plan/explain.h), as text or JSON; with --server, also what the
 * Microsoft DHCP server and its failover partners hand that client now (dhcp_sync.h); with
 * ProxyDhcp on or 4011, what this service's proxy answers it (explain_proxy.h); for an
 * iPXE client, the WinPE images its menu offers and over which protocol (explain_menu.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "console.h"
#include "dhcp_reach.h"
#include "explain.h"
#include "explain_menu.h"
#include "explain_proxy.h"
#include "firmware_images.h"
#include "firmware_settings.h"
#include "image_paths.h"
#include "json_writer.h"
#include "plan_source.h"
#include "signature_report.h"

/* The signature of the UEFI image a client receives, when there is one to read. */
typedef struct image_signature {
    int known;                    /* sigs was read */
    pxb_signatures sigs;
    pxb_error why;                /* else why not, "" when the client gets no UEFI image */
} image_signature;

static const pxb_option OPTIONS[] = {
    {"arch", 0, "N", 0, "option 93, the client architecture: 0 BIOS, 6 IA32 UEFI, 7 or 9 x64 "
                        "UEFI, 11 ARM64 UEFI, 16 x64 UEFI HTTP"},
    {"vendor-class", 0, "TEXT", 0, "option 60, e.g. PXEClient:Arch:00007:UNDI:003016"},
    {"user-class", 0, "TEXT", 0, "option 77; iPXE sends iPXE"},
    {"mac", 0, "MAC", 0, "the client's MAC address, e.g. 00:15:5d:01:02:03"},
    {"subnet", 0, "ADDR", 0, "the client's address, or its relay's subnet (10.0.0.0/24)"},
    {"server", 0, "NAME", 0, "also read this Microsoft DHCP server, and its failover partners, "
                             "and say what each hands the client now"},
    CLI_NO_FAILOVER_OPTION,
};

const pxb_option_table cli_explain_options = {OPTIONS, sizeof OPTIONS / sizeof OPTIONS[0]};

/* Reads the client from the options; CLI_OK or the bad-usage exit code. */
static int read_client(const cli_call *call, pxb_client *c)
{
    const char *arch = pxb_cli_value(&call->args, "arch");
    const char *mac = pxb_cli_value(&call->args, "mac");
    const char *subnet = pxb_cli_value(&call->args, "subnet");
    const char *user_class = pxb_cli_value(&call->args, "user-class");
    memset(c, 0, sizeof *c);
    c->vendor_class = pxb_cli_value(&call->args, "vendor-class");
    if (arch == NULL && c->vendor_class == NULL)
        return cli_bad_usage(call->command, "describe the client with --arch N or --vendor-class "
                             "TEXT (and --user-class iPXE for one already running iPXE)");
    if (arch != NULL) {
        char *end;
        unsigned long n = strtoul(arch, &end, 10);
        if (arch[0] < '0' || arch[0] > '9' || *end != '\0' || n > PXB_ARCH_MAX)
            return cli_bad_usage(call->command, "--arch: '%s' is not a number from 0 to %u",
                                 arch, PXB_ARCH_MAX);
        c->has_arch = 1;
        c->arch = (unsigned)n;
    }
    if (user_class != NULL) {
        c->user_class = (const uint8_t *)user_class;
        c->user_class_len = strlen(user_class);
    }
    if (mac != NULL) {
        if (pxb_mac_parse(mac, strlen(mac), &c->mac) != 0)
            return cli_bad_usage(call->command, "--mac: '%s' is not a MAC address like "
                                 "00:15:5d:01:02:03", mac);
        c->has_mac = 1;
    }
    if (subnet != NULL) {
        pxb_ipv4_net net;
        pxb_error why;
        if (pxb_ipv4_parse(subnet, strlen(subnet), &c->address) != 0) {
            if (pxb_net_parse(subnet, strlen(subnet), &net, &why) != 0)
                return cli_bad_usage(call->command, "--subnet: %s", why.text);
            c->address = net.network;
        }
        c->has_address = 1;
    }
    return CLI_OK;
}

/* Reads the signature of the UEFI first-stage image e hands out, from the TFTP root of the
 * stored settings, into out. */
static void read_signature(const pxb_explanation *e, image_signature *out)
{
    static cli_image img;
    char root[PXB_CONFIG_PATH_MAX], path[sizeof img.path];
    memset(out, 0, sizeof *out);
    if (!e->matched || e->rule.kind != PXB_RULE_STAGE || e->rule.stage == PXB_STAGE_BIOS ||
        pxb_stage(e->rule.stage)->http || e->boot_file[0] == '\0')
        return;
    if (cli_stored_tftp_root(root, sizeof root, &out->why) != 0)
        return;
    cli_join_path(root, e->boot_file, path, sizeof path);
    cli_image_read_signatures(&img, path);
    if (!img.is_pe) {
        pxb_error_set(&out->why, "%s cannot be read as a UEFI program", path);
        return;
    }
    out->known = 1;
    out->sigs = img.sigs;
}

static int show_json(const pxb_explanation *e, const image_signature *sig,
                     const cli_proxy_view *proxy, const cli_menu_view *menu,
                     const pxb_dhcp_result *dhcp)
{
    char server[PXB_IPV4_TEXT_MAX];
    pxb_json j;
    pxb_json_init(&j);
    pxb_json_begin_object(&j);
    pxb_json_field_bool(&j, "matched", e->matched);
    pxb_json_key(&j, "rule");
    if (e->matched) {
        pxb_json_begin_object(&j);
        pxb_json_field_string(&j, "id", e->rule.id);
        pxb_json_field_string(&j, "label", e->rule.label);
        pxb_json_field_int(&j, "order", e->rule.order);
        pxb_json_field_string(&j, "policy", e->rule.kind == PXB_RULE_EXCLUDE ? NULL : e->rule.policy);
        pxb_json_end_object(&j);
    } else {
        pxb_json_null(&j);
    }
    pxb_json_key(&j, "receives");
    pxb_json_begin_object(&j);
    pxb_ipv4_format(e->next_server, server);
    pxb_json_field_string(&j, "next_server", e->next_server ? server : NULL);
    pxb_json_field_string(&j, "boot_file", e->boot_file[0] ? e->boot_file : NULL);
    pxb_json_field_bool(&j, "http_client", e->http_client);
    pxb_json_end_object(&j);
    pxb_json_field_bool(&j, "loop", e->loop);
    pxb_json_key(&j, "signature");
    if (sig->known)
        cli_json_signature(&j, &sig->sigs);
    else
        pxb_json_null(&j);
    pxb_json_field_string(&j, "signature_error", sig->why.text[0] ? sig->why.text : NULL);
    pxb_json_field_string(&j, "why", e->why);
    cli_proxy_view_json(&j, proxy);
    cli_menu_view_json(&j, menu);
    if (dhcp != NULL) {
        pxb_json_key(&j, "dhcp");
        if (dhcp->json != NULL)
            pxb_json_raw(&j, dhcp->json);
        else
            pxb_json_null(&j);
    }
    pxb_json_end_object(&j);
    return cli_put_json(&j);
}

static void show_text(const pxb_explanation *e, const image_signature *sig,
                      const cli_proxy_view *proxy, const cli_menu_view *menu)
{
    char server[PXB_IPV4_TEXT_MAX];
    if (!e->matched)
        cli_printf(CLI_STDOUT, "Rule:     none\n");
    else if (e->rule.kind == PXB_RULE_EXCLUDE)
        cli_printf(CLI_STDOUT, "Rule:     %s (checked before every policy)\n", e->rule.label);
    else
        cli_printf(CLI_STDOUT, "Rule:     %s (processing order %u, policy '%s')\n",
                   e->rule.label, e->rule.order, e->rule.policy);
    const char *lead = "Receives:";
    if (e->next_server != 0) {
        pxb_ipv4_format(e->next_server, server);
        cli_printf(CLI_STDOUT, "%s 066 / next-server %s\n", lead, server);
        lead = "         ";
    }
    if (e->boot_file[0] != '\0') {
        cli_printf(CLI_STDOUT, "%s 067 / filename    %s\n", lead, e->boot_file);
        lead = "         ";
    }
    if (e->http_client) {
        cli_printf(CLI_STDOUT, "%s 060 / vendor class %s\n", lead, PXB_HTTP_CLIENT_ID);
        lead = "         ";
    }
    if (lead[0] != ' ')
        cli_printf(CLI_STDOUT, "%s no boot options\n", lead);
    cli_printf(CLI_STDOUT, "Why:      %s\n", e->why);
    if (sig->known)
        cli_print_signature("Signature: ", &sig->sigs);
    else if (sig->why.text[0] != '\0')
        cli_printf(CLI_STDOUT, "Signature: unknown: %s\n", sig->why.text);
    cli_proxy_view_text(proxy);
    cli_menu_view_text(menu);
}

int cli_explain(const cli_call *call)
{
    pxb_client client;
    pxb_boot_plan plan;
    pxb_explanation e;
    static image_signature sig;
    static cli_proxy_view proxy;
    static cli_menu_view menu;
    int rc = read_client(call, &client);
    if (rc != CLI_OK)
        return rc;
    rc = cli_load_plan(call, &plan);
    if (rc != CLI_OK)
        return rc;
    pxb_explain(&plan, &client, &e);
    read_signature(&e, &sig);
    cli_proxy_view_make(&plan, &client, &proxy);
    cli_menu_view_make(&plan, &client, &e, &menu);
    const char *server = pxb_cli_value(&call->args, "server");
    if (server == NULL)
        return call->json ? show_json(&e, &sig, &proxy, &menu, NULL)
                          : (show_text(&e, &sig, &proxy, &menu), CLI_OK);
    pxb_dhcp_result dhcp = {PXB_DHCP_FAILED, NULL, NULL, 0};
    enum pxb_dhcp_status status =
        pxb_dhcp_explain(&plan, &client, server, cli_dhcp_reach(call), &dhcp);
    if (call->json) {
        rc = show_json(&e, &sig, &proxy, &menu, &dhcp);
    } else {
        show_text(&e, &sig, &proxy, &menu);
        cli_printf(CLI_STDOUT, "\nOn the DHCP servers, now:\n%s", dhcp.text ? dhcp.text : "");
    }
    pxb_dhcp_result_free(&dhcp);
    return rc == CLI_OK && status == PXB_DHCP_OK ? CLI_OK : CLI_FAILED;
}
