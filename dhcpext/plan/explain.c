/* explain.c: walks a boot plan's rules in processing order for one described client and
 * says which applies and why (see explain.h). */
#include "explain.h"

#include <string.h>

#include "text_out.h"

/* What the client's options say, read once. */
typedef struct client_facts {
    int ipxe;                 /* option 77 is exactly "iPXE" */
    int has_arch;             /* from option 93, else from the vendor class */
    unsigned arch;
    pxb_vendor_class vendor;
} client_facts;

static void read_facts(const pxb_client *c, client_facts *f)
{
    size_t ipxe_len = strlen(PXB_IPXE_USER_CLASS);

    memset(f, 0, sizeof *f);
    f->ipxe = c->user_class != NULL && c->user_class_len == ipxe_len &&
              memcmp(c->user_class, PXB_IPXE_USER_CLASS, ipxe_len) == 0;
    pxb_vendor_class_parse(c->vendor_class, &f->vendor);
    if (c->has_arch) {
        f->has_arch = 1;
        f->arch = c->arch;
    } else if (f->vendor.has_arch) {
        f->has_arch = 1;
        f->arch = f->vendor.arch;
    }
}

/* Writes bytes between single quotes, anything unprintable as \xNN. */
static void put_bytes(pxb_text *t, const uint8_t *bytes, size_t len)
{
    pxb_text_put(t, "'");
    for (size_t i = 0; i < len; i++) {
        if (bytes[i] >= ' ' && bytes[i] <= '~' && bytes[i] != '\\')
            pxb_text_printf(t, "%c", bytes[i]);
        else
            pxb_text_printf(t, "\\x%02x", bytes[i]);
    }
    pxb_text_put(t, "'");
}

static void put_vendor_class(pxb_text *t, const char *vendor_class)
{
    put_bytes(t, (const uint8_t *)vendor_class, strlen(vendor_class));
}

static void put_user_class(pxb_text *t, const pxb_client *c, const client_facts *f)
{
    if (f->ipxe) {
        pxb_text_printf(t, "user class is '%s'", PXB_IPXE_USER_CLASS);
        return;
    }
    if (c->user_class == NULL) {
        pxb_text_printf(t, "no user class (not '%s')", PXB_IPXE_USER_CLASS);
        return;
    }
    pxb_text_put(t, "user class ");
    put_bytes(t, c->user_class, c->user_class_len);
    pxb_text_printf(t, " is not '%s'", PXB_IPXE_USER_CLASS);
}

/* Says where the architecture came from, and that option 93 wins over the vendor class. */
static void put_arch(pxb_text *t, const pxb_client *c, const client_facts *f)
{
    if (c->has_arch) {
        pxb_text_printf(t, "option 93 says arch %u (%s)", f->arch, pxb_arch_label(f->arch));
        if (f->vendor.has_arch && f->vendor.arch == f->arch) {
            pxb_text_put(t, ", the vendor class agrees");
        } else if (f->vendor.has_arch) {
            pxb_text_put(t, "; the vendor class ");
            put_vendor_class(t, c->vendor_class);
            pxb_text_printf(t, " says arch %u: option 93 wins", f->vendor.arch);
        }
        return;
    }
    pxb_text_put(t, "vendor class ");
    put_vendor_class(t, c->vendor_class);
    pxb_text_printf(t, " says arch %u (%s), no option 93", f->arch, pxb_arch_label(f->arch));
}

/* Says where the client is and whose rules it gets: the scope's boot server when it has one
 * of its own (ScopeBootServers), else BootServer. */
static void put_scope(const pxb_boot_plan *plan, const pxb_ipv4_net *scope, uint32_t address,
                      pxb_rule_list *rules, pxb_text *t)
{
    char addr[PXB_IPV4_TEXT_MAX], net[PXB_NET_TEXT_MAX], server[PXB_IPV4_TEXT_MAX];
    uint32_t boot_server = pxb_plan_scope_server(plan, scope->network);

    pxb_ipv4_format(address, addr);
    pxb_net_format(scope, net);
    pxb_text_printf(t, "address %s is in scope %s", addr, net);
    if (boot_server != plan->server) {
        pxb_ipv4_format(boot_server, server);
        pxb_text_printf(t, ", which boots from %s (ScopeBootServers)", server);
    }
    pxb_text_put(t, " -> ");
    pxb_plan_scope_rules(plan, scope->network, rules);
}

/* Checks the plan's scopes and takes the rules of the client's; writes the finding and
 * returns 0 if the client is outside them. */
static int check_scope(const pxb_boot_plan *plan, const pxb_client *c, pxb_rule_list *rules,
                       pxb_text *t)
{
    char addr[PXB_IPV4_TEXT_MAX], net[PXB_NET_TEXT_MAX];

    pxb_plan_rules(plan, rules);
    if (plan->scope_count == 0)
        return 1;
    if (!c->has_address) {
        pxb_text_printf(t, "no client address given, assuming it is in one of the plan's "
                        "scopes%s -> ", plan->scope_server_count == 0 ? "" : " that boot from "
                        "BootServer (give --subnet for one of ScopeBootServers)");
        return 1;
    }
    for (size_t i = 0; i < plan->scope_count; i++) {
        if (pxb_net_contains(&plan->scopes[i], c->address)) {
            put_scope(plan, &plan->scopes[i], c->address, rules, t);
            return 1;
        }
    }
    pxb_ipv4_format(c->address, addr);
    pxb_text_printf(t, "no rule matched: address %s is outside the plan's scopes (", addr);
    for (size_t i = 0; i < plan->scope_count; i++) {
        pxb_net_format(&plan->scopes[i], net);
        pxb_text_printf(t, "%s%s", i ? ", " : "", net);
    }
    pxb_text_put(t, ") -> no boot options");
    return 0;
}

static int rule_has_arch(const pxb_rule *r, unsigned arch)
{
    for (size_t i = 0; i < r->vendor_count; i++)
        if (r->vendors[i].arch == arch)
            return 1;
    return 0;
}

/* True if the rule applies; then writes the finding that made it apply. */
static int match_rule(const pxb_boot_plan *plan, const pxb_rule *r, const pxb_client *c,
                      const client_facts *f, pxb_text *t)
{
    char mac[PXB_MAC_TEXT_MAX];

    switch (r->kind) {
    case PXB_RULE_EXCLUDE:
        if (!c->has_mac || !pxb_plan_is_excluded(plan, &c->mac))
            return 0;
        pxb_mac_format(&c->mac, ':', mac);
        pxb_text_printf(t, "MAC %s is in ExcludeMacs", mac);
        return 1;
    case PXB_RULE_IPXE:
        if (!f->ipxe)
            return 0;
        put_user_class(t, c, f);
        return 1;
    case PXB_RULE_STAGE:
        if (!f->has_arch || !rule_has_arch(r, f->arch) || (r->not_ipxe && f->ipxe))
            return 0;
        put_arch(t, c, f);
        pxb_text_put(t, " -> ");
        put_user_class(t, c, f);
        return 1;
    }
    return 0;
}

static void put_rule(pxb_text *t, const pxb_rule *r)
{
    if (r->order == 0)
        pxb_text_printf(t, " -> rule %s (checked before every policy)", r->label);
    else
        pxb_text_printf(t, " -> rule %s (processing order %u)", r->label, r->order);
}

/* Fills what the client receives from rule r and finishes the reasoning. */
static void give(const pxb_boot_plan *plan, const pxb_rule *r, const client_facts *f,
                 pxb_explanation *out, pxb_text *t)
{
    char server[PXB_IPV4_TEXT_MAX];

    out->matched = 1;
    out->rule = *r;
    out->next_server = r->next_server;
    out->http_client = r->http_client;
    memcpy(out->boot_file, r->boot_file, sizeof out->boot_file);
    put_rule(t, r);
    pxb_ipv4_format(r->next_server, server);
    if (r->kind == PXB_RULE_EXCLUDE)
        pxb_text_put(t, " -> no boot options");
    else if (r->kind == PXB_RULE_IPXE)
        pxb_text_printf(t, " -> boot script %s (067), server %s (066 / next-server)",
                        r->boot_file, server);
    else if (r->http_client)
        pxb_text_printf(t, " -> HTTP boot URL %s (067) with option 060 %s", r->boot_file,
                        PXB_HTTP_CLIENT_ID);
    else
        pxb_text_printf(t, " -> first-stage image %s (067 / filename) from %s "
                        "(066 / next-server)", r->boot_file, server);
    if (r->kind == PXB_RULE_STAGE && r->first_stage != PXB_FIRST_IPXE)
        pxb_text_printf(t, ": %s", pxb_first_stage_note(r->first_stage));
    if (f->ipxe && r->boot_file[0] != '\0' && pxb_plan_is_first_stage(plan, r->boot_file)) {
        out->loop = 1;
        pxb_text_printf(t, " -> WARNING: this iPXE client is handed the first-stage image "
                        "%s and will load iPXE again, a chainload loop; point ScriptUrl at "
                        "an iPXE script", r->boot_file);
    }
}

/* Says why no rule applies to a client inside the plan's scopes. */
static void explain_no_match(const pxb_boot_plan *plan, const pxb_client *c,
                             const client_facts *f, pxb_text *t)
{
    enum pxb_stage stage;
    const pxb_stage_info *info;

    if (f->ipxe && plan->embedded_script) {
        pxb_text_printf(t, "user class is '%s' and EmbeddedScript=1: there is no iPXE rule "
                        "and every architecture rule requires a user class other than "
                        "'%s' -> no rule matched, no boot options (the image's embedded "
                        "script decides what to boot)", PXB_IPXE_USER_CLASS,
                        PXB_IPXE_USER_CLASS);
        return;
    }
    if (!f->has_arch) {
        pxb_text_put(t, "no rule matched: ");
        if (f->vendor.kind == PXB_VENDOR_OTHER) {
            pxb_text_put(t, "vendor class ");
            put_vendor_class(t, c->vendor_class);
            pxb_text_put(t, " is not a PXE client");
        } else if (f->vendor.kind == PXB_VENDOR_NONE) {
            pxb_text_put(t, "no option 93 and no vendor class: not a PXE client");
        } else {
            pxb_text_put(t, "vendor class ");
            put_vendor_class(t, c->vendor_class);
            pxb_text_put(t, " carries no architecture and there is no option 93");
        }
        pxb_text_put(t, " -> no boot options");
        return;
    }
    put_arch(t, c, f);
    info = pxb_stage_for_arch(f->arch, &stage);
    if (info == NULL)
        pxb_text_printf(t, " -> no rule matched: the plan has no rule for arch %u -> no boot "
                        "options", f->arch);
    else
        pxb_text_printf(t, " -> no rule matched: %s is empty, so %s clients get no boot "
                        "options; set it to hand them an image", info->setting, info->label);
}

void pxb_explain(const pxb_boot_plan *plan, const pxb_client *client, pxb_explanation *out)
{
    pxb_rule_list rules;
    client_facts facts;
    pxb_text why;

    memset(out, 0, sizeof *out);
    pxb_text_init(&why, out->why, sizeof out->why);
    if (!check_scope(plan, client, &rules, &why)) {
        out->out_of_scope = 1;
        return;
    }
    read_facts(client, &facts);
    for (size_t i = 0; i < rules.count; i++) {
        if (match_rule(plan, &rules.rules[i], client, &facts, &why)) {
            give(plan, &rules.rules[i], &facts, out, &why);
            return;
        }
    }
    explain_no_match(plan, client, &facts, &why);
}
