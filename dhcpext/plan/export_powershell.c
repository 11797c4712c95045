/* export_powershell.c: the boot plan as a PowerShell script for the DhcpServer module
 * (Windows Server 2012 and later): the iPXE user class and one vendor class per
 * architecture, then the policies of ms_policy_set.h (one per architecture, iPXE first)
 * with their processing order and conditions, one criterion per attribute under
 * -Condition AND (each architecture policy also "UserClass NE iPXE"; excluded MACs as
 * "MacAddress NE" on every policy), and the policy's option values 066 / 067 / 060; the
 * scopes of a site (ScopeBootServers) get a block of their own with its boot server. Safe
 * to run again: pxebridge's policies the plan no longer has are deleted first, existing
 * objects are updated, and objects whose description lacks the pxebridge mark are left
 * alone with an error. */
#include "export.h"
#include "ms_policy_set.h"

/* The script's fixed part: parameters and the two helpers the rule lines call. */
static const char PROLOGUE[] =
    "#Requires -Modules DhcpServer\n"
    "[CmdletBinding()]\n"
    "param([string]$ComputerName = $env:COMPUTERNAME)\n"
    "$ErrorActionPreference = 'Stop'\n"
    "$Owner = '" PXB_OWNER_MARK "'\n"
    "\n"
    "# Creates a class unless one of that name exists (built-in or the admin's: reused).\n"
    "function Add-PxbClass([string]$Name, [string]$Type, [string]$Data, [string]$Description) {\n"
    "    $old = Get-DhcpServerv4Class -ComputerName $ComputerName -Type $Type -Name $Name "
    "-ErrorAction SilentlyContinue\n"
    "    if ($old) { return }\n"
    "    Add-DhcpServerv4Class -ComputerName $ComputerName -Name $Name -Type $Type -Data $Data "
    "-Description $Description\n"
    "}\n"
    "\n"
    "# Creates or updates one pxebridge policy and sets its options; refuses to touch a policy\n"
    "# of that name that pxebridge does not own.\n"
    "function Set-PxbPolicy([string]$ScopeId, [string]$Name, [int]$Order, [string]$Description,\n"
    "                       [hashtable]$Conditions, [System.Collections.IDictionary]$Options) {\n"
    "    $at = @{ ComputerName = $ComputerName }\n"
    "    if ($ScopeId) { $at.ScopeId = $ScopeId }\n"
    "    $old = Get-DhcpServerv4Policy @at -Name $Name -ErrorAction SilentlyContinue\n"
    "    if ($old -and -not \"$($old.Description)\".StartsWith($Owner)) {\n"
    "        throw \"Policy '$Name' exists and is not owned by pxebridge: rename or remove it, "
    "then run this again.\"\n"
    "    }\n"
    "    if ($old) {\n"
    "        Set-DhcpServerv4Policy @at -Name $Name -ProcessingOrder $Order "
    "-Description $Description @Conditions\n"
    "    } else {\n"
    "        Add-DhcpServerv4Policy @at -Name $Name -ProcessingOrder $Order "
    "-Description $Description @Conditions\n"
    "    }\n"
    "    foreach ($id in $Options.Keys) {\n"
    "        Set-DhcpServerv4OptionValue @at -PolicyName $Name -OptionId $id "
    "-Value $Options[$id]\n"
    "    }\n"
    "}\n";

/* Deletes pxebridge's policies at a level that the current plan no longer has (an earlier
 * plan's, or an earlier pxebridge's x64 UEFI policy with two vendor classes). */
static const char REMOVE_STALE[] =
    "\n# Deletes pxebridge's policies at one level that this script does not create.\n"
    "function Remove-PxbStalePolicies([string]$ScopeId, [string[]]$Keep) {\n"
    "    $at = @{ ComputerName = $ComputerName }\n"
    "    if ($ScopeId) { $at.ScopeId = $ScopeId }\n"
    "    Get-DhcpServerv4Policy @at | Where-Object {\n"
    "        \"$($_.Description)\".StartsWith($Owner) -and $Keep -notcontains $_.Name\n"
    "    } | ForEach-Object { Remove-DhcpServerv4Policy @at -Name $_.Name }\n"
    "}\n";

static const char OPTION_60[] =
    "\n# UEFI HTTP boot needs option 060 in replies; Windows defines no such IPv4 option.\n"
    "if (-not (Get-DhcpServerv4OptionDefinition -ComputerName $ComputerName -OptionId 60 "
    "-ErrorAction SilentlyContinue)) {\n"
    "    Add-DhcpServerv4OptionDefinition -ComputerName $ComputerName -OptionId 60 "
    "-Name 'Class ID' -Type String -Description '" PXB_OWNER_MARK " option 060 for UEFI HTTP "
    "boot'\n"
    "}\n";

static void write_quoted(pxb_text *out, const char *s)
{
    pxb_text_quote(out, s, PXB_QUOTE_POWERSHELL);
}

static void write_classes(const pxb_rule_list *rules, pxb_text *out)
{
    pxb_text_put(out, "\n# Classes the policies match on\n");
    pxb_text_put(out, "Add-PxbClass -Name '" PXB_IPXE_CLASS_NAME "' -Type User -Data '"
                      PXB_IPXE_USER_CLASS "' -Description '" PXB_OWNER_MARK
                      " iPXE clients (user class iPXE)'\n");
    for (size_t i = 0; i < rules->count; i++) {
        const pxb_rule *r = &rules->rules[i];
        for (size_t v = 0; v < r->vendor_count; v++) {
            pxb_text_put(out, "Add-PxbClass -Name ");
            write_quoted(out, r->vendors[v].class_name);
            pxb_text_put(out, " -Type Vendor -Data ");
            write_quoted(out, r->vendors[v].prefix);
            pxb_text_printf(out, " -Description '%s %s clients (arch %u)'\n", PXB_OWNER_MARK,
                            pxb_arch_label(r->vendors[v].arch), r->vendors[v].arch);
        }
    }
}

/* One criterion per attribute: -Condition AND between them, so each becomes its own group. */
static void write_conditions(const pxb_boot_plan *plan, const pxb_ms_policy_spec *spec,
                             pxb_text *out)
{
    const pxb_rule *r = spec->rule;

    pxb_text_put(out, "@{ Condition = 'AND'");
    if (r->kind == PXB_RULE_IPXE)
        pxb_text_put(out, "; UserClass = @('EQ', '" PXB_IPXE_CLASS_NAME "')");
    if (spec->vendor != NULL) {
        pxb_text_put(out, "; VendorClass = @('EQ', '");
        pxb_text_put(out, spec->vendor->class_name);
        pxb_text_put(out, "*')");
    }
    if (r->not_ipxe)
        pxb_text_put(out, "; UserClass = @('NE', '" PXB_IPXE_CLASS_NAME "')");
    if (r->not_excluded) {
        pxb_text_put(out, "; MacAddress = @('NE', '");
        pxb_export_mac_tests(plan, "", 0, "', '", out);
        pxb_text_put(out, "')");
    }
    pxb_text_put(out, " }");
}

static void write_options(const pxb_rule *r, pxb_text *out)
{
    char server[PXB_IPV4_TEXT_MAX];

    pxb_text_put(out, "([ordered]@{ ");
    if (r->next_server != 0) {
        pxb_ipv4_format(r->next_server, server);
        pxb_text_printf(out, "66 = '%s'; ", server);
    }
    if (r->http_client)
        pxb_text_put(out, "60 = '" PXB_HTTP_CLIENT_ID "'; ");
    pxb_text_put(out, "67 = ");
    write_quoted(out, r->boot_file);
    pxb_text_put(out, " })");
}

static void write_policy(const pxb_boot_plan *plan, const pxb_ms_policy_spec *spec,
                         pxb_text *out)
{
    pxb_text_put(out, "    Set-PxbPolicy -ScopeId $ScopeId -Name ");
    write_quoted(out, spec->name);
    pxb_text_printf(out, " -Order %u -Description ", spec->order);
    write_quoted(out, spec->description);
    pxb_text_put(out, " `\n        -Conditions ");
    write_conditions(plan, spec, out);
    pxb_text_put(out, " `\n        -Options ");
    write_options(spec->rule, out);
    pxb_text_put(out, "\n");
}

static int has_http_rule(const pxb_rule_list *rules)
{
    for (size_t i = 0; i < rules->count; i++)
        if (rules->rules[i].http_client)
            return 1;
    return 0;
}

static size_t count_scopes(const pxb_boot_plan *plan, int site)
{
    size_t n = 0;

    for (size_t i = 0; i < plan->scope_count; i++)
        n += pxb_export_site_of(plan, plan->scopes[i].network) == site;
    return n;
}

/* The scopes of site n (0: BootServer's) as a PowerShell list, '' for the server level. */
static void write_scope_list(const pxb_boot_plan *plan, int site, pxb_text *out)
{
    char net[PXB_IPV4_TEXT_MAX];
    const char *sep = "";

    pxb_text_put(out, "$Scopes = @(");
    for (size_t i = 0; i < plan->scope_count; i++) {
        if (pxb_export_site_of(plan, plan->scopes[i].network) != site)
            continue;
        pxb_ipv4_format(plan->scopes[i].network, net);
        pxb_text_printf(out, "%s'%s'", sep, net);
        sep = ", ";
    }
    pxb_text_put(out, plan->scope_count ? ")\n" : "'')\n");
}

/* The policies of site n's scopes (0: BootServer's): stale ones removed, each set. */
static void write_block(const pxb_boot_plan *plan, int site, pxb_text *out)
{
    pxb_ms_policy_spec specs[PXB_MS_LEVEL_POLICIES_MAX];
    pxb_rule_list rules;
    char net[PXB_NET_TEXT_MAX], server[PXB_IPV4_TEXT_MAX];

    if (plan->scope_count > 0 && count_scopes(plan, site) == 0)
        return;
    if (site > 0) {
        pxb_net_format(&plan->scope_servers[site - 1].scope, net);
        pxb_ipv4_format(plan->scope_servers[site - 1].server, server);
        pxb_text_printf(out, "# Scope %s boots from %s (ScopeBootServers)\n", net, server);
    }
    write_scope_list(plan, site, out);
    pxb_export_site_rules(plan, site, &rules);
    size_t count = pxb_ms_policy_set(&rules, specs);
    pxb_text_put(out, "foreach ($ScopeId in $Scopes) {\n    Remove-PxbStalePolicies -ScopeId "
                      "$ScopeId -Keep @(");
    for (size_t i = 0; i < count; i++) {
        pxb_text_put(out, i ? ", " : "");
        write_quoted(out, specs[i].name);
    }
    pxb_text_put(out, ")\n");
    if (plan->excluded_count > 0)
        pxb_text_put(out, "    # Excluded MACs: a MacAddress NE condition on each policy\n");
    for (size_t i = 0; i < count; i++)
        write_policy(plan, &specs[i], out);
    pxb_text_put(out, "}\n");
}

void pxb_export_powershell(const pxb_boot_plan *plan, const pxb_rule_list *rules,
                           pxb_text *out)
{
    pxb_export_header(plan, rules, "#", 1, out);
    pxb_text_put(out, "# Run on (or against, with -ComputerName) a Windows Server 2012+ DHCP "
                      "server,\n# as a member of DHCP Administrators.\n");
    pxb_text_put(out, PROLOGUE);
    pxb_text_put(out, REMOVE_STALE);
    if (has_http_rule(rules))
        pxb_text_put(out, OPTION_60);
    write_classes(rules, out);
    pxb_text_put(out, "\n# Policies in processing order; empty scope = server level\n");
    for (int site = 0; site <= (int)plan->scope_server_count; site++)
        write_block(plan, site, out);
    pxb_text_put(out, "Write-Host 'pxebridge: DHCP policies are in place.'\n");
}
