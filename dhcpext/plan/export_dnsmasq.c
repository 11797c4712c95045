/* export_dnsmasq.c: the boot plan as a dnsmasq configuration: tags for the iPXE user class
 * (and iPXE's option 175), for each architecture (option 93) and for excluded MACs, then one
 * dhcp-boot line per rule whose tags make the rules exclusive (every architecture line
 * carries tag:!pxb-ipxe), option 060 for HTTP boot, and a static dhcp-range per scope.
 * A scope with a boot server of its own (ScopeBootServers) is a site: its range sets the
 * tag pxb-site-N (and pxb-site), its clients get the site's dhcp-boot lines, the others'
 * lines carry tag:!pxb-site. dnsmasq tags a client with the range its address comes from
 * only, so the admin's own ranges in a site's scope must set pxb-site-N too: the comment
 * above the scope's line says so. `dnsmasq --test --conf-file=FILE` accepts it. */
#include "export.h"

#define TAG_IPXE "pxb-ipxe"
#define TAG_EXCLUDED "pxb-excluded"
#define TAG_SITE "pxb-site"

/* Whose dhcp-boot lines: every client's (the plan has no sites), the clients of no site, or
 * site n >= 1's (ScopeBootServers item n). */
enum { ALL_CLIENTS = 0, NOT_AT_A_SITE = -1 };

/* "tag:!pxb-excluded,tag:!pxb-ipxe,tag:pxb-bios," as the rule requires, after the site's. */
static void write_tags(const pxb_rule *r, int site, pxb_text *out)
{
    if (site == NOT_AT_A_SITE)
        pxb_text_put(out, "tag:!" TAG_SITE ",");
    else if (site != ALL_CLIENTS)
        pxb_text_printf(out, "tag:" TAG_SITE "-%d,", site);
    if (r->not_excluded)
        pxb_text_put(out, "tag:!" TAG_EXCLUDED ",");
    if (r->not_ipxe)
        pxb_text_put(out, "tag:!" TAG_IPXE ",");
    if (r->kind == PXB_RULE_IPXE)
        pxb_text_put(out, "tag:" TAG_IPXE ",");
    else
        pxb_text_printf(out, "tag:pxb-%s,", r->id);
}

/* The rule's lines; the architecture tags are set once, with the lines not for a site. */
static void write_rule(const pxb_rule *r, int site, pxb_text *out)
{
    char server[PXB_IPV4_TEXT_MAX];

    pxb_text_printf(out, "\n# %s\n", r->summary);
    for (size_t i = 0; site <= ALL_CLIENTS && i < r->vendor_count; i++)
        pxb_text_printf(out, "dhcp-match=set:pxb-%s,option:client-arch,%u\n", r->id,
                        r->vendors[i].arch);
    if (r->http_client) {
        pxb_text_put(out, "dhcp-option-force=");
        write_tags(r, site, out);
        pxb_text_put(out, "60,\"" PXB_HTTP_CLIENT_ID "\"\n");
    }
    pxb_text_put(out, "dhcp-boot=");
    write_tags(r, site, out);
    pxb_text_quote(out, r->boot_file, PXB_QUOTE_BACKSLASH);
    if (r->next_server != 0) {
        pxb_ipv4_format(r->next_server, server);
        pxb_text_printf(out, ",,%s", server);
    }
    pxb_text_put(out, "\n");
}

static void write_rules(const pxb_rule_list *rules, int site, pxb_text *out)
{
    for (size_t i = 0; i < rules->count; i++)
        if (rules->rules[i].kind != PXB_RULE_EXCLUDE)
            write_rule(&rules->rules[i], site, out);
}

/* Each site's rules, with its own boot server. */
static void write_sites(const pxb_boot_plan *plan, pxb_text *out)
{
    char net[PXB_NET_TEXT_MAX], server[PXB_IPV4_TEXT_MAX];
    pxb_rule_list rules;

    for (size_t i = 0; i < plan->scope_server_count; i++) {
        const pxb_scope_server *site = &plan->scope_servers[i];
        pxb_net_format(&site->scope, net);
        pxb_ipv4_format(site->server, server);
        pxb_text_printf(out, "\n# Site %d: scope %s boots from %s (ScopeBootServers)\n",
                        (int)i + 1, net, server);
        pxb_plan_scope_rules(plan, site->scope.network, &rules);
        write_rules(&rules, (int)i + 1, out);
    }
}

static void write_scopes(const pxb_boot_plan *plan, pxb_text *out)
{
    char text[PXB_IPV4_TEXT_MAX];

    if (plan->scope_count > 0)
        pxb_text_put(out, "\n# the plan's scopes: addresses only for dhcp-host entries; add "
                          "your own ranges\n");
    for (size_t i = 0; i < plan->scope_count; i++) {
        int site = pxb_export_site_of(plan, plan->scopes[i].network);
        if (site > 0)
            pxb_text_printf(out, "# site %d: dnsmasq tags a client by the range its address "
                            "comes from, so set the tag\n# on your ranges here too: "
                            "dhcp-range=set:" TAG_SITE "-%d,<first>,<last>[,<lease time>]\n",
                            site, site);
        pxb_text_put(out, "dhcp-range=");
        if (site > 0)
            pxb_text_printf(out, "set:" TAG_SITE "-%d,", site);
        pxb_ipv4_format(plan->scopes[i].network, text);
        pxb_text_printf(out, "%s,static,", text);
        pxb_ipv4_format(plan->scopes[i].mask, text);
        pxb_text_printf(out, "%s\n", text);
        if (site > 0)
            pxb_text_printf(out, "tag-if=set:" TAG_SITE ",tag:" TAG_SITE "-%d\n", site);
    }
}

void pxb_export_dnsmasq(const pxb_boot_plan *plan, const pxb_rule_list *rules, pxb_text *out)
{
    char text[PXB_MAC_TEXT_MAX];

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
    write_rules(rules, plan->scope_server_count > 0 ? NOT_AT_A_SITE : ALL_CLIENTS, out);
    write_sites(plan, out);
    write_scopes(plan, out);
}
