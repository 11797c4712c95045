/* export_kea.c: the boot plan as a Kea Dhcp4 configuration (JSON): one client class per
 * rule, whose test expressions on option[93] / option[77] / option[60] and pkt4.mac make the
 * classes exclusive in rule order (each architecture class also requires "not iPXE"), with
 * next-server, boot-file-name and, for HTTP boot, option 60 "HTTPClient"; one subnet4
 * entry per scope. With sites (ScopeBootServers) Kea must pick the classes by subnet, and a
 * class's boot fields win over a subnet's: every class that hands something out is
 * evaluated only where a subnet requires it (only-if-required, require-client-classes),
 * each site's scope requiring its own classes ("pxebridge-site-N-..."), the other scopes
 * BootServer's. `kea-dhcp4 -t FILE` accepts it. */
#include "export.h"

#define CLASS_EXCLUDED "pxebridge-excluded"
#define IPXE_TEST "option[77].hex == '" PXB_IPXE_USER_CLASS "'"

static void write_test(const pxb_boot_plan *plan, const pxb_rule *r, pxb_text *out)
{
    switch (r->kind) {
    case PXB_RULE_EXCLUDE:
        pxb_export_mac_tests(plan, "pkt4.mac == 0x", 0, " or ", out);
        return;
    case PXB_RULE_IPXE:
        pxb_text_put(out, IPXE_TEST);
        break;
    case PXB_RULE_STAGE:
        pxb_text_put(out, "(");
        pxb_export_arch_tests(r, "option[93].hex == 0x", 0, out);
        pxb_text_put(out, ")");
        if (r->http_client)
            pxb_text_put(out, " and substring(option[60].hex,0,10) == '"
                              PXB_HTTP_CLIENT_ID "'");
        pxb_text_put(out, " and not (" IPXE_TEST ")");
        break;
    }
    if (r->not_excluded)
        pxb_text_put(out, " and not member('" CLASS_EXCLUDED "')");
}

static const pxb_option_syntax KEA_OPTIONS = {
    ",\n        \"next-server\": \"", "\"",
    ",\n        \"boot-file-name\": ", "",
    ",\n        \"option-data\": [ { \"name\": \"vendor-class-identifier\", \"data\": \""
    PXB_HTTP_CLIENT_ID "\", \"always-send\": true } ]",
    PXB_QUOTE_BACKSLASH,
};

/* Whose classes: every client's (the plan has no sites), or only where a subnet requires
 * them: BootServer's (site 0) or site n's (ScopeBootServers item n). */
enum { GLOBAL_CLASSES = -1 };

static void write_class_name(const pxb_rule *r, int site, pxb_text *out)
{
    if (site > 0)
        pxb_text_printf(out, "\"pxebridge-site-%d-%s\"", site, r->id);
    else
        pxb_text_printf(out, "\"pxebridge-%s\"", r->id);
}

static void write_class(const pxb_boot_plan *plan, const pxb_rule *r, int site,
                        pxb_text *out)
{
    pxb_text_put(out, "      {\n        \"name\": ");
    write_class_name(r, site, out);
    pxb_text_put(out, ",\n        \"comment\": ");
    pxb_text_quote(out, r->summary, PXB_QUOTE_BACKSLASH);
    pxb_text_put(out, ",\n        \"test\": \"");
    write_test(plan, r, out);
    pxb_text_put(out, "\"");
    if (site != GLOBAL_CLASSES && r->kind != PXB_RULE_EXCLUDE)
        pxb_text_put(out, ",\n        \"only-if-required\": true");
    pxb_export_options(r, &KEA_OPTIONS, out);
    pxb_text_put(out, "\n      }");
}

static void write_classes(const pxb_boot_plan *plan, const pxb_rule_list *rules, pxb_text *out)
{
    pxb_rule_list own;
    const char *sep = "";

    if (plan->scope_server_count == 0) {
        for (size_t i = 0; i < rules->count; i++, sep = ",\n") {
            pxb_text_put(out, sep);
            write_class(plan, &rules->rules[i], GLOBAL_CLASSES, out);
        }
        return;
    }
    for (int site = 0; site <= (int)plan->scope_server_count; site++) {
        pxb_export_site_rules(plan, site, &own);
        for (size_t i = 0; i < own.count; i++) {
            if (site > 0 && own.rules[i].kind == PXB_RULE_EXCLUDE)
                continue;
            pxb_text_put(out, sep);
            write_class(plan, &own.rules[i], site, out);
            sep = ",\n";
        }
    }
}

/* With sites: the classes the scope's clients are evaluated against. */
static void write_required(const pxb_boot_plan *plan, const pxb_ipv4_net *scope, pxb_text *out)
{
    int site = pxb_export_site_of(plan, scope->network);
    pxb_rule_list rules;
    const char *sep = "";

    if (plan->scope_server_count == 0)
        return;
    pxb_export_site_rules(plan, site, &rules);
    pxb_text_put(out, ",\n        \"require-client-classes\": [ ");
    for (size_t i = 0; i < rules.count; i++) {
        if (rules.rules[i].kind == PXB_RULE_EXCLUDE)
            continue;
        pxb_text_put(out, sep);
        write_class_name(&rules.rules[i], site, out);
        sep = ", ";
    }
    pxb_text_put(out, " ]");
}

void pxb_export_kea(const pxb_boot_plan *plan, const pxb_rule_list *rules, pxb_text *out)
{
    char net[PXB_NET_TEXT_MAX];

    pxb_export_header(plan, rules, "//", 1, out);
    if (plan->scope_count == 0)
        pxb_text_put(out, "// No scopes in the plan: add your subnet4 entries.\n");
    pxb_text_put(out, "{\n  \"Dhcp4\": {\n"
                      "    \"interfaces-config\": { \"interfaces\": [ ] },\n"
                      "    \"lease-database\": { \"type\": \"memfile\" },\n"
                      "    \"client-classes\": [\n");
    write_classes(plan, rules, out);
    pxb_text_put(out, "\n    ],\n    \"subnet4\": [");
    for (size_t i = 0; i < plan->scope_count; i++) {
        pxb_net_format(&plan->scopes[i], net);
        pxb_text_printf(out, "%s\n      { \"id\": %u, \"subnet\": \"%s\"", i ? "," : "",
                        (unsigned)i + 1, net);
        write_required(plan, &plan->scopes[i], out);
        pxb_text_put(out, " }");
    }
    pxb_text_put(out, plan->scope_count ? "\n    ]\n  }\n}\n" : " ]\n  }\n}\n");
}
