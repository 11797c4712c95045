/* export_isc.c: the boot plan as an ISC dhcpd configuration, in the style of iPXE's
 * chainloading guide: option 93 declared as "arch", one if / elsif chain in rule order
 * (MAC exclusion, iPXE user class, then each architecture also requiring "not iPXE"), and a
 * subnet declaration per scope. A scope with a boot server of its own (ScopeBootServers)
 * holds the same chain with that server: dhcpd runs a subnet's statements after the global
 * ones, so its next-server and filename win. `dhcpd -t -cf FILE` accepts it, and the QEMU
 * end-to-end test boots a UEFI VM through dhcpd running it. */
#include "export.h"

/* Never null: dhcpd's "and" is null, not false, when its left side is false, so the
 * chainloading guide's "exists user-class and option user-class = ..." under a "not" would
 * leave every client without a user class (the firmware's own PXE client) unmatched. */
#define IPXE_TEST "pick-first-value (option user-class, \"\") = \"" PXB_IPXE_USER_CLASS "\""

static void write_condition(const pxb_boot_plan *plan, const pxb_rule *r, pxb_text *out)
{
    pxb_text_put(out, "(");
    switch (r->kind) {
    case PXB_RULE_EXCLUDE:
        pxb_export_mac_tests(plan, "substring (hardware, 1, 6) = ", ':', " or ", out);
        break;
    case PXB_RULE_IPXE:
        pxb_text_put(out, IPXE_TEST);
        break;
    case PXB_RULE_STAGE:
        pxb_text_put(out, "(");
        pxb_export_arch_tests(r, "option arch = ", ':', out);
        pxb_text_put(out, ") and not (" IPXE_TEST ")");
        break;
    }
    pxb_text_put(out, ")");
}

/* What a rule hands out, at the top level and inside a subnet declaration. */
static const pxb_option_syntax ISC_OPTIONS = {
    "  next-server ", ";\n",
    "  filename ", ";\n",
    "  option vendor-class-identifier \"" PXB_HTTP_CLIENT_ID "\";\n",
    PXB_QUOTE_BACKSLASH,
};
static const pxb_option_syntax SUBNET_OPTIONS = {
    "    next-server ", ";\n",
    "    filename ", ";\n",
    "    option vendor-class-identifier \"" PXB_HTTP_CLIENT_ID "\";\n",
    PXB_QUOTE_BACKSLASH,
};

/* The if / elsif chain of the rules, each line after indent. */
static void write_chain(const pxb_boot_plan *plan, const pxb_rule_list *rules,
                        const char *indent, const pxb_option_syntax *syntax, pxb_text *out)
{
    for (size_t i = 0; i < rules->count; i++) {
        pxb_text_printf(out, "%s%s", indent, i == 0 ? "if " : "} elsif ");
        write_condition(plan, &rules->rules[i], out);
        pxb_text_printf(out, " {\n%s  # %s\n", indent, rules->rules[i].summary);
        pxb_export_options(&rules->rules[i], syntax, out);
    }
    pxb_text_printf(out, "%s}\n", indent);
}

static void write_subnet(const pxb_boot_plan *plan, const pxb_ipv4_net *scope, pxb_text *out)
{
    char net[PXB_IPV4_TEXT_MAX], mask[PXB_IPV4_TEXT_MAX], server[PXB_IPV4_TEXT_MAX];
    uint32_t boot_server = pxb_plan_scope_server(plan, scope->network);
    pxb_rule_list rules;

    pxb_ipv4_format(scope->network, net);
    pxb_ipv4_format(scope->mask, mask);
    pxb_text_printf(out, "\nsubnet %s netmask %s {\n", net, mask);
    if (boot_server != plan->server) {
        pxb_ipv4_format(boot_server, server);
        pxb_text_printf(out, "  # boots from %s (ScopeBootServers): this chain replaces the "
                        "one above here\n", server);
        pxb_plan_scope_rules(plan, scope->network, &rules);
        write_chain(plan, &rules, "  ", &SUBNET_OPTIONS, out);
    }
    pxb_text_put(out, "  # add your range and options for this scope here\n}\n");
}

void pxb_export_isc(const pxb_boot_plan *plan, const pxb_rule_list *rules, pxb_text *out)
{
    pxb_export_header(plan, rules, "#", 1, out);
    pxb_text_put(out, "\noption arch code 93 = unsigned integer 16;\n\n");
    write_chain(plan, rules, "", &ISC_OPTIONS, out);
    for (size_t i = 0; i < plan->scope_count; i++)
        write_subnet(plan, &plan->scopes[i], out);
}
