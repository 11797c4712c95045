/* export_dnsmasq.c: the boot plan as a dnsmasq configuration: tags for the iPXE user class
 * (and iPXE's option 175), for each architecture (option 93) and for excluded MACs, then one
 * dhcp-boot line per rule whose tags make the rules exclusive (every architecture line
 * carries tag:!pxb-ipxe), option 060 for HTTP boot, and a static dhcp-range per scope.
 * `dnsmasq --test --conf-file=FILE` accepts it. */
#include "export.h"

#define TAG_IPXE "pxb-ipxe"
#define TAG_EXCLUDED "pxb-excluded"

/* "tag:!pxb-excluded,tag:!pxb-ipxe,tag:pxb-bios," as the rule requires. */
static void write_tags(const pxb_rule *r, pxb_text *out)
{
    if (r->not_excluded)
        pxb_text_put(out, "tag:!" TAG_EXCLUDED ",");
    if (r->not_ipxe)
        pxb_text_put(out, "tag:!" TAG_IPXE ",");
    if (r->kind == PXB_RULE_IPXE)
        pxb_text_put(out, "tag:" TAG_IPXE ",");
    else
        pxb_text_printf(out, "tag:pxb-%s,", r->id);
}

static void write_rule(const pxb_rule *r, pxb_text *out)
{
    char server[PXB_IPV4_TEXT_MAX];

    pxb_text_printf(out, "\n# %s\n", r->summary);
    for (size_t i = 0; i < r->vendor_count; i++)
        pxb_text_printf(out, "dhcp-match=set:pxb-%s,option:client-arch,%u\n", r->id,
                        r->vendors[i].arch);
    if (r->http_client) {
        pxb_text_put(out, "dhcp-option-force=");
        write_tags(r, out);
        pxb_text_put(out, "60,\"" PXB_HTTP_CLIENT_ID "\"\n");
    }
    pxb_text_put(out, "dhcp-boot=");
    write_tags(r, out);
    pxb_text_quote(out, r->boot_file, PXB_QUOTE_BACKSLASH);
    if (r->next_server != 0) {
        pxb_ipv4_format(r->next_server, server);
        pxb_text_printf(out, ",,%s", server);
    }
    pxb_text_put(out, "\n");
}

void pxb_export_dnsmasq(const pxb_boot_plan *plan, const pxb_rule_list *rules, pxb_text *out)
{
    char text[PXB_MAC_TEXT_MAX > PXB_IPV4_TEXT_MAX ? PXB_MAC_TEXT_MAX : PXB_IPV4_TEXT_MAX];

    pxb_export_header(plan, rules, "#", 1, out);
    pxb_text_put(out, "\n# The boot file in the BOOTP file field even for clients asking for option 67,\n"
                      "# as Microsoft DHCP sends it: shim finds its folder (and GRUB beside it) there.\n"
                      "dhcp-no-override\n");
    pxb_text_put(out, "\n# iPXE clients: user class iPXE, or iPXE's own option 175\n"
                      "dhcp-userclass=set:" TAG_IPXE "," PXB_IPXE_USER_CLASS "\n"
                      "dhcp-match=set:" TAG_IPXE ",175\n");
    for (size_t i = 0; i < plan->excluded_count; i++) {
        pxb_mac_format(&plan->excluded[i], ':', text);
        pxb_text_printf(out, "dhcp-host=%s,set:" TAG_EXCLUDED "\n", text);
    }
    for (size_t i = 0; i < rules->count; i++)
        if (rules->rules[i].kind != PXB_RULE_EXCLUDE)
            write_rule(&rules->rules[i], out);
    if (plan->scope_count > 0)
        pxb_text_put(out, "\n# the plan's scopes: addresses only for dhcp-host entries; add "
                          "your own ranges\n");
    for (size_t i = 0; i < plan->scope_count; i++) {
        pxb_ipv4_format(plan->scopes[i].network, text);
        pxb_text_printf(out, "dhcp-range=%s,static,", text);
        pxb_ipv4_format(plan->scopes[i].mask, text);
        pxb_text_printf(out, "%s\n", text);
    }
}
