/* export_netsh.c: the part of the boot plan netsh can express, as a Windows batch file:
 * the iPXE user class, option 066 and one first-stage file as the default 067, and 067 for
 * the iPXE user class. It opens with a REM block saying what netsh cannot express
 * (policies, per-architecture vendor-class conditions, MAC exclusions), so UEFI needs the
 * PowerShell export. */
#include "export.h"

static const char LIMITS[] =
    "REM netsh has class and class-based option commands but no policy commands, so this\n"
    "REM script CANNOT express:\n"
    "REM   - policies and their processing order;\n"
    "REM   - vendor-class (option 60) conditions per architecture: every client that is not\n"
    "REM     iPXE gets the same first-stage file, so UEFI clients (and UEFI HTTP boot) need\n"
    "REM     the PowerShell export (Windows Server 2012 and later) instead;\n"
    "REM   - MAC exclusions.\n"
    "REM What it does: the user class for iPXE, option 066 and one first-stage file as\n"
    "REM option 067 for everyone, and option 067 = the boot script for the iPXE class.\n"
    "REM It runs against the local DHCP server; for another, put \\\\NAME after 'server'.\n";

static const char EPILOGUE[] =
    "echo pxebridge: netsh settings applied.\n"
    "exit /b 0\n"
    ":failed\n"
    "echo pxebridge: a netsh command failed; see its message above. 1>&2\n"
    "exit /b 1\n";

/* The first rule with a TFTP first-stage file: what netsh hands to every client. */
static const pxb_rule *find_default_stage(const pxb_rule_list *rules)
{
    for (size_t i = 0; i < rules->count; i++)
        if (rules->rules[i].kind == PXB_RULE_STAGE && !rules->rules[i].http_client)
            return &rules->rules[i];
    return NULL;
}

static const pxb_rule *find_ipxe(const pxb_rule_list *rules)
{
    for (size_t i = 0; i < rules->count; i++)
        if (rules->rules[i].kind == PXB_RULE_IPXE)
            return &rules->rules[i];
    return NULL;
}

/* "netsh dhcp server " or "netsh dhcp server scope 10.0.0.0 " for scope index i. */
static void write_target(const pxb_boot_plan *plan, size_t i, pxb_text *out)
{
    char net[PXB_IPV4_TEXT_MAX];

    pxb_text_put(out, "netsh dhcp server ");
    if (i < plan->scope_count) {
        pxb_ipv4_format(plan->scopes[i].network, net);
        pxb_text_printf(out, "scope %s ", net);
    }
}

/* The options at scope index `scope` (the server level past the scopes) from the rules of
 * its clients: its boot server (ScopeBootServers or BootServer), its script URL. */
static void write_options(const pxb_boot_plan *plan, size_t scope, pxb_text *out)
{
    char server[PXB_IPV4_TEXT_MAX];
    int site = scope < plan->scope_count ? pxb_export_site_of(plan, plan->scopes[scope].network)
                                         : 0;
    pxb_rule_list rules;

    pxb_export_site_rules(plan, site, &rules);
    const pxb_rule *stage = find_default_stage(&rules);
    const pxb_rule *ipxe = find_ipxe(&rules);
    pxb_ipv4_format(site > 0 ? plan->scope_servers[site - 1].server : plan->server, server);
    write_target(plan, scope, out);
    pxb_text_printf(out, "set optionvalue 066 STRING \"%s\" || goto failed\n", server);
    if (stage != NULL) {
        write_target(plan, scope, out);
        pxb_text_put(out, "set optionvalue 067 STRING ");
        pxb_text_quote(out, stage->boot_file, PXB_QUOTE_CMD);
        pxb_text_put(out, " || goto failed\n");
    }
    if (ipxe != NULL) {
        write_target(plan, scope, out);
        pxb_text_put(out, "set optionvalue 067 STRING user=\"" PXB_IPXE_CLASS_NAME "\" ");
        pxb_text_quote(out, ipxe->boot_file, PXB_QUOTE_CMD);
        pxb_text_put(out, " || goto failed\n");
    }
}

void pxb_export_netsh(const pxb_boot_plan *plan, const pxb_rule_list *rules, pxb_text *out)
{
    const pxb_rule *stage = find_default_stage(rules);
    size_t targets = plan->scope_count ? plan->scope_count : 1;

    pxb_text_put(out, "@echo off\n");
    pxb_export_header(plan, rules, "REM", 0, out);
    pxb_text_put(out, LIMITS);
    if (stage != NULL)
        pxb_text_printf(out, "REM Every client that is not iPXE gets the %s image (%s)%s%s.\n",
                        stage->label, pxb_stage(stage->stage)->setting,
                        stage->first_stage != PXB_FIRST_IPXE ? ", " : "",
                        pxb_first_stage_note(stage->first_stage));
    pxb_text_put(out, "\n");
    if (find_ipxe(rules) != NULL)
        pxb_text_put(out, "netsh dhcp server add class \"" PXB_IPXE_CLASS_NAME "\" \""
                          PXB_OWNER_MARK " iPXE clients\" \"" PXB_IPXE_USER_CLASS "\" 0 >nul "
                          "2>&1\n"
                          "netsh dhcp server show class | find \"" PXB_IPXE_CLASS_NAME "\" "
                          ">nul || goto failed\n");
    for (size_t i = 0; i < targets; i++)
        write_options(plan, i, out);
    pxb_text_put(out, EPILOGUE);
}
