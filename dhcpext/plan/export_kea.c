/* export_kea.c: the boot plan as a Kea Dhcp4 configuration (JSON): one client class per
 * rule, whose test expressions on option[93] / option[77] / option[60] and pkt4.mac make the
 * classes exclusive in rule order (each architecture class also requires "not iPXE"), with
 * next-server, boot-file-name and, for HTTP boot, option 60 "HTTPClient"; one subnet4
 * entry per scope. `kea-dhcp4 -t FILE` accepts it. */
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

static void write_class(const pxb_boot_plan *plan, const pxb_rule *r, pxb_text *out)
{
    pxb_text_printf(out, "      {\n        \"name\": \"pxebridge-%s\",\n        \"comment\": ",
                    r->id);
    pxb_text_quote(out, r->summary, PXB_QUOTE_BACKSLASH);
    pxb_text_put(out, ",\n        \"test\": \"");
    write_test(plan, r, out);
    pxb_text_put(out, "\"");
    pxb_export_options(r, &KEA_OPTIONS, out);
    pxb_text_put(out, "\n      }");
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
    for (size_t i = 0; i < rules->count; i++) {
        write_class(plan, &rules->rules[i], out);
        pxb_text_put(out, i + 1 < rules->count ? ",\n" : "\n");
    }
    pxb_text_put(out, "    ],\n    \"subnet4\": [");
    for (size_t i = 0; i < plan->scope_count; i++) {
        pxb_net_format(&plan->scopes[i], net);
        pxb_text_printf(out, "%s\n      { \"id\": %u, \"subnet\": \"%s\" }", i ? "," : "",
                        (unsigned)i + 1, net);
    }
    pxb_text_put(out, plan->scope_count ? "\n    ]\n  }\n}\n" : " ]\n  }\n}\n");
}
