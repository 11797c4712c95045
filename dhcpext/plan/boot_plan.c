/* boot_plan.c: the boot plan's defaults, settings and their text form, validation and the
 * derivation of the ordered rule list (see boot_plan.h). Pure C, no OS calls. */
#include "boot_plan.h"

#include <stdio.h>
#include <string.h>

#include "ascii_case.h"
#include "file_name.h"
#include "text_out.h"
#include "winpe_catalog.h"

/* Longest value of one setting in the text form (64 MAC addresses). */
#define VALUE_TEXT_MAX 2048
#define NAME_TEXT_MAX 64

static const pxb_stage_info STAGES[PXB_STAGE_COUNT] = {
    [PXB_STAGE_BIOS] = {"BiosFile", "bios", "x86 BIOS", {PXB_ARCH_BIOS}, 1, 0, NULL},
    [PXB_STAGE_UEFI_X64] = {"UefiX64File", "uefi-x64", "x64 UEFI",
                            {PXB_ARCH_UEFI_X64, PXB_ARCH_UEFI_X64_OLD}, 2, 0,
                            PXB_SIGNED_CHAIN_X64},
    [PXB_STAGE_UEFI_IA32] = {"UefiIa32File", "uefi-ia32", "IA32 UEFI", {PXB_ARCH_UEFI_IA32}, 1,
                             0, NULL},
    [PXB_STAGE_UEFI_ARM64] = {"UefiArm64File", "uefi-arm64", "ARM64 UEFI",
                              {PXB_ARCH_UEFI_ARM64}, 1, 0, PXB_SIGNED_CHAIN_ARM64},
    [PXB_STAGE_HTTP_X64] = {"HttpBootX64Url", "http-x64", "x64 UEFI HTTP", {PXB_ARCH_HTTP_X64},
                            1, 1, NULL},
    [PXB_STAGE_HTTP_IA32] = {"HttpBootIa32Url", "http-ia32", "IA32 UEFI HTTP",
                             {PXB_ARCH_HTTP_IA32}, 1, 1, NULL},
    [PXB_STAGE_HTTP_ARM64] = {"HttpBootArm64Url", "http-arm64", "ARM64 UEFI HTTP",
                              {PXB_ARCH_HTTP_ARM64}, 1, 1, NULL},
};

static int starts_with_text(const char *s, const char *prefix)
{
    for (; *prefix; s++, prefix++)
        if (pxb_ascii_lower(*s) != pxb_ascii_lower(*prefix))
            return 0;
    return 1;
}

/* --- reading values ------------------------------------------------------------------ */

/* A boot server's address: unicast IPv4, not 0, multicast, broadcast or loopback. */
static int read_unicast(const char *text, size_t len, uint32_t *addr)
{
    if (pxb_ipv4_parse(text, len, addr) != 0)
        return -1;
    return *addr == 0 || *addr >= 0xE0000000u || (*addr >> 24) == 127 ? -1 : 0;
}

/* BootServer: a unicast IPv4 address (uint32_t, host order), or nothing for unset (0). */
static int parse_server(const pxb_setting *st, const char *value, size_t len, void *item,
                        pxb_error *err)
{
    uint32_t addr = 0;
    if (len != 0 && read_unicast(value, len, &addr) != 0)
        return pxb_error_set(err, "%s: '%.*s' is not a usable IPv4 address; give the TFTP "
                             "server's unicast address, like 10.0.0.5", st->name,
                             (int)(len < 80 ? len : 80), value);
    memcpy(item, &addr, sizeof addr);
    return 0;
}

static void format_server(const void *item, char *out, size_t out_len)
{
    uint32_t addr;
    char text[PXB_IPV4_TEXT_MAX] = "";
    memcpy(&addr, item, sizeof addr);
    if (addr != 0)
        pxb_ipv4_format(addr, text);
    snprintf(out, out_len, "%s", text);
}

static const pxb_setting_item SERVER_ITEM = {sizeof(uint32_t), "addresses", parse_server,
                                             format_server, NULL};

/* One item of Scopes: an IPv4 subnet. */
static int parse_scope(const pxb_setting *st, const char *p, size_t len, void *item,
                       pxb_error *err)
{
    pxb_error why;
    if (pxb_net_parse(p, len, item, &why) != 0)
        return pxb_error_set(err, "%s: '%.*s': %s", st->name, (int)(len < 80 ? len : 80), p,
                             why.text);
    return 0;
}

static void format_scope(const void *item, char *out, size_t out_len)
{
    char text[PXB_NET_TEXT_MAX];
    pxb_net_format(item, text);
    snprintf(out, out_len, "%s", text);
}

static int same_scope(const void *a, const void *b)
{
    return ((const pxb_ipv4_net *)a)->network == ((const pxb_ipv4_net *)b)->network;
}

static const pxb_setting_item SCOPE_ITEM = {sizeof(pxb_ipv4_net), "scopes", parse_scope,
                                            format_scope, same_scope};

/* One item of ScopeBootServers: SCOPE=ADDRESS, a subnet and its site's boot server. */
static int parse_scope_server(const pxb_setting *st, const char *p, size_t len, void *item,
                              pxb_error *err)
{
    const char *eq = memchr(p, '=', len);
    const int shown = (int)(len < 80 ? len : 80);
    pxb_scope_server s;
    pxb_error why;

    if (eq == NULL)
        return pxb_error_set(err, "%s: '%.*s' is not SCOPE=ADDRESS; give a scope of Scopes "
                             "and its site's boot server, like 10.1.0.0/24=10.1.0.5",
                             st->name, shown, p);
    size_t scope_len = (size_t)(eq - p);
    if (pxb_net_parse(p, scope_len, &s.scope, &why) != 0)
        return pxb_error_set(err, "%s: '%.*s': %s", st->name, shown, p, why.text);
    if (read_unicast(eq + 1, len - scope_len - 1, &s.server) != 0)
        return pxb_error_set(err, "%s: '%.*s': '%.*s' is not a usable IPv4 address; give the "
                             "unicast address of the site's boot server, like 10.1.0.5",
                             st->name, shown, p, (int)(len - scope_len - 1), eq + 1);
    memcpy(item, &s, sizeof s);
    return 0;
}

static void format_scope_server(const void *item, char *out, size_t out_len)
{
    pxb_scope_server s;
    char net[PXB_NET_TEXT_MAX], server[PXB_IPV4_TEXT_MAX];

    memcpy(&s, item, sizeof s);
    pxb_net_format(&s.scope, net);
    pxb_ipv4_format(s.server, server);
    snprintf(out, out_len, "%s=%s", net, server);
}

/* A scope listed twice, whatever its boot servers. */
static int same_scope_server(const void *a, const void *b)
{
    return same_scope(&((const pxb_scope_server *)a)->scope,
                      &((const pxb_scope_server *)b)->scope);
}

static const pxb_setting_item SCOPE_SERVER_ITEM = {sizeof(pxb_scope_server), "scopes",
                                                   parse_scope_server, format_scope_server,
                                                   same_scope_server};

/* One item of ExcludeMacs: a MAC address. */
static int parse_mac(const pxb_setting *st, const char *p, size_t len, void *item,
                     pxb_error *err)
{
    if (pxb_mac_parse(p, len, item) != 0)
        return pxb_error_set(err, "%s: '%.*s' is not a MAC address; give six hex bytes like "
                             "00:11:22:33:44:55, 00-11-22-33-44-55 or 001122334455", st->name,
                             (int)(len < 40 ? len : 40), p);
    return 0;
}

static void format_mac(const void *item, char *out, size_t out_len)
{
    char text[PXB_MAC_TEXT_MAX];
    pxb_mac_format(item, ':', text);
    snprintf(out, out_len, "%s", text);
}

static const pxb_setting_item MAC_ITEM = {sizeof(pxb_mac), "addresses", parse_mac,
                                          format_mac, NULL};

/* Boot files and URLs travel in DHCP options and config files: printable ASCII only. */
static int has_plain_chars(const char *value)
{
    for (const char *p = value; *p; p++)
        if (*p <= ' ' || *p > '~')
            return 0;
    return 1;
}

static int has_scheme(const char *value, const char *const *schemes)
{
    for (; *schemes; schemes++) {
        size_t n = strlen(*schemes);
        if (starts_with_text(value, *schemes) && value[n] != '\0')
            return 1;
    }
    return 0;
}

static const char *const HTTP_SCHEMES[] = {"http://", "https://", NULL};
static const char *const SCRIPT_SCHEMES[] = {"tftp://", "http://", "https://", NULL};

/* Checks a boot file or URL (nothing is allowed too: no rule, the default); shape says what
 * is allowed, in the words of the message. */
static int check_value(const pxb_setting *st, const char *value, size_t max,
                       const char *const *schemes, const char *shape, pxb_error *err)
{
    const char *problem = NULL;

    if (value[0] == '\0')
        return 0;
    if (strlen(value) >= max)
        problem = "is too long";
    else if (!has_plain_chars(value))
        problem = "contains spaces, control or non-ASCII characters";
    else if (schemes != NULL && !has_scheme(value, schemes))
        problem = "does not start with an allowed scheme";
    else if (schemes == NULL && strstr(value, "://") != NULL)
        problem = "is a URL";
    if (problem == NULL)
        return 0;
    return pxb_error_set(err, "%s: '%.80s' %s; give %s (at most %u characters, printable "
                         "ASCII, no spaces)", st->name, value, problem, shape,
                         (unsigned)max - 1);
}

static int check_stage_file(const pxb_setting *st, const char *value, pxb_error *err)
{
    return check_value(st, value, PXB_PLAN_FILE_MAX, NULL,
                       "a file name on the TFTP server, like snponly.efi, or nothing for no "
                       "rule", err);
}

static int check_http_url(const pxb_setting *st, const char *value, pxb_error *err)
{
    return check_value(st, value, PXB_PLAN_VALUE_MAX, HTTP_SCHEMES,
                       "an http:// or https:// URL, or nothing for no rule", err);
}

static int check_script(const pxb_setting *st, const char *value, pxb_error *err)
{
    return check_value(st, value, PXB_PLAN_VALUE_MAX, SCRIPT_SCHEMES,
                       "a tftp://, http:// or https:// URL, or nothing for the service's "
                       "tftp://<BootServer>/boot.ipxe", err);
}

/* iPXE reads quotes and backslashes in a command line as quoting: a URL can't hold them. */
/* BootTarget=winpe:NAME: NAME as winpe add takes it (winpe_catalog.h). */
static int check_winpe_target(const pxb_setting *st, const char *value, pxb_error *err)
{
    pxb_error why;
    if (pxb_winpe_name_check(value + strlen(PXB_WINPE_TARGET), &why) == 0)
        return 0;
    return pxb_error_set(err, "%s: '%.80s' is not winpe:NAME with the name of an image of "
                         "winpe list: %s", st->name, value, why.text);
}

static int check_target_url(const pxb_setting *st, const char *value, pxb_error *err)
{
    if (strncmp(value, PXB_WINPE_TARGET, strlen(PXB_WINPE_TARGET)) == 0)
        return check_winpe_target(st, value, err);
    if (check_value(st, value, PXB_PLAN_VALUE_MAX, SCRIPT_SCHEMES,
                    "a tftp://, http:// or https:// URL, or nothing to boot the local disk",
                    err) != 0)
        return -1;
    if (strpbrk(value, "\"'\\") != NULL)
        return pxb_error_set(err, "%s: '%.80s' contains a quote or a backslash, which iPXE "
                             "would read as quoting; write them %%-encoded (%%22, %%27, %%5C)",
                             st->name, value);
    return 0;
}

/* GRUB reads quotes, backslashes, '$', ';', braces and line ends as its own syntax; files
 * are one word, without "..". */
static int check_grub(const pxb_setting *st, const char *value, int file, pxb_error *err)
{
    const char *bad = strpbrk(value, file ? "\"'\\$;{}|&<> \t" : "\"'\\$;{}|&<>");
    for (const char *c = value; bad == NULL && *c; c++)
        if ((unsigned char)*c < 0x20 || *c == 0x7f)
            bad = c;
    if (bad == NULL && strlen(value) < PXB_PLAN_VALUE_MAX &&
        !(file && (value[0] == '/' || strstr(value, "..") != NULL)))
        return 0;
    return pxb_error_set(err, "%s: '%.80s' is not %s", st->name, value, file
                         ? "a file of the TFTP root like debian/vmlinuz (no spaces, quotes, "
                           "'\\', '$', ';', braces, '..' or leading '/')"
                         : "a kernel command line GRUB can take as it is (no quotes, '\\', "
                           "'$', ';', braces or control characters)");
}

static int check_grub_file(const pxb_setting *st, const char *value, pxb_error *err)
{
    return check_grub(st, value, 1, err);
}

static int check_grub_args(const pxb_setting *st, const char *value, pxb_error *err)
{
    return check_grub(st, value, 0, err);
}

/* --- the table ------------------------------------------------------------------------ */

#define FIELD(member) PXB_SETTING_FIELD(pxb_boot_plan, member)
#define TEXT(member, rule) .kind = PXB_SETTING_TEXT, FIELD(member), .check = rule
#define LIST(member, items, most, counter)                                                    \
    .kind = PXB_SETTING_LIST, FIELD(member), .item = &items, .max = most,                     \
    .count_offset = offsetof(pxb_boot_plan, counter)

/* The names of enum pxb_proxy_mode, in its order. */
static const char *const PROXY_MODES[] = {"off", "on", "4011", NULL};

static const pxb_setting SETTINGS[] = {
    {.name = "BootServer", .kind = PXB_SETTING_ITEM, FIELD(server), .item = &SERVER_ITEM,
     .default_text = "",
     .help = "IPv4 address of the TFTP server with the first-stage images (option 066 / "
             "next-server). Required."},
    {.name = "BiosFile", TEXT(stage[PXB_STAGE_BIOS], check_stage_file),
     .default_text = "undionly.kpxe",
     .help = "First-stage image for x86 BIOS clients (arch 0). Empty: no BIOS rule."},
    {.name = "UefiX64File", TEXT(stage[PXB_STAGE_UEFI_X64], check_stage_file),
     .default_text = "snponly.efi",
     .help = "First-stage image for x64 UEFI clients (arch 7 and 9): snponly.efi (uses the "
             "firmware's network driver) or ipxe.efi (iPXE's own drivers). Empty: no rule."},
    {.name = "UefiIa32File", TEXT(stage[PXB_STAGE_UEFI_IA32], check_stage_file),
     .default_text = "",
     .help = "First-stage image for IA32 UEFI clients (arch 6). Empty: no rule."},
    {.name = "UefiArm64File", TEXT(stage[PXB_STAGE_UEFI_ARM64], check_stage_file),
     .default_text = "",
     .help = "First-stage image for ARM64 UEFI clients (arch 11). Empty: no rule."},
    {.name = "HttpBootX64Url", TEXT(stage[PXB_STAGE_HTTP_X64], check_http_url),
     .default_text = "",
     .help = "http(s) URL for x64 UEFI HTTP boot clients (arch 16), sent with option 060 "
             "HTTPClient. Empty: no rule."},
    {.name = "HttpBootIa32Url", TEXT(stage[PXB_STAGE_HTTP_IA32], check_http_url),
     .default_text = "",
     .help = "http(s) URL for IA32 UEFI HTTP boot clients (arch 15). Empty: no rule."},
    {.name = "HttpBootArm64Url", TEXT(stage[PXB_STAGE_HTTP_ARM64], check_http_url),
     .default_text = "",
     .help = "http(s) URL for ARM64 UEFI HTTP boot clients (arch 19). Empty: no rule."},
    {.name = "ScriptUrl", TEXT(script_url, check_script), .default_text = "",
     .help = "What iPXE clients (user class iPXE) boot: a tftp://, http:// or https:// URL. "
             "Empty: tftp://<BootServer>/boot.ipxe, the script the service serves."},
    {.name = "EmbeddedScript", .kind = PXB_SETTING_FLAG, FIELD(embedded_script),
     .default_text = "0",
     .help = "1 if the first-stage images have an embedded script: then there is no iPXE "
             "rule."},
    {.name = "Scopes", LIST(scopes, SCOPE_ITEM, PXB_PLAN_SCOPES_MAX, scope_count),
     .default_text = "",
     .help = "IPv4 subnets (like 10.0.0.0/24) the plan applies to. Empty: the whole server."},
    {.name = "ScopeBootServers",
     LIST(scope_servers, SCOPE_SERVER_ITEM, PXB_PLAN_SCOPES_MAX, scope_server_count),
     .default_text = "",
     .help = "A boot server per site: SCOPE=ADDRESS items (like 10.1.0.0/24=10.1.0.5), each "
             "SCOPE one of Scopes. That scope's clients get ADDRESS as option 066 / "
             "next-server and in the default script URL tftp://ADDRESS/boot.ipxe; the other "
             "scopes get BootServer. Empty: every scope boots from BootServer."},
    {.name = "ExcludeMacs", LIST(excluded, MAC_ITEM, PXB_PLAN_MACS_MAX, excluded_count),
     .default_text = "",
     .help = "MAC addresses (like 00:11:22:33:44:55) that get no boot options."},
    {.name = "BootTarget", TEXT(boot_target, check_target_url), .default_text = "",
     .help = "What the generated boot.ipxe chains to: a tftp://, http:// or https:// URL (an "
             "iPXE script, a kernel; iPXE settings like ${mac} are expanded), or winpe:NAME, "
             "an image of winpe list booted through wimboot. Empty: it boots the local disk."},
    {.name = "MenuTimeout", .kind = PXB_SETTING_NUMBER, FIELD(menu_timeout_s), .min = 0,
     .max = PXB_PLAN_MENU_MAX_S, .unit = "seconds", .default_text = "0",
     .help = "Seconds the generated boot.ipxe shows its menu (BootTarget, local disk, iPXE "
             "shell) before taking the first entry, 0 to 600. 0: no menu."},
    {.name = "ProxyDhcp", .kind = PXB_SETTING_CHOICE, FIELD(proxy_dhcp),
     .choices = PROXY_MODES, .default_text = "off",
     .help = "Whether the PxeBridge service answers PXE clients itself (proxyDHCP), by this "
             "plan: off (the DHCP server hands out the boot options), on (UDP ports 67 and "
             "4011; the DHCP server is another machine and hands out addresses only) or 4011 "
             "(port 4011 only: a DHCP server on this machine sends option 060 PXEClient, "
             "which dhcp apply sets)."},
    {.name = "GrubKernel", TEXT(grub[PXB_GRUB_X64][PXB_GRUB_KERNEL], check_grub_file),
     .default_text = "",
     .help = "The kernel the generated GRUB menu (grub/grub.cfg, for the signed chain "
             "secureboot/shimx64.efi) boots on x64: a file of the TFTP root, signed for Secure "
             "Boot. Empty: the menu boots the local disk."},
    {.name = "GrubInitrd", TEXT(grub[PXB_GRUB_X64][PXB_GRUB_INITRD], check_grub_file),
     .default_text = "",
     .help = "The initrd the GRUB menu loads with GrubKernel: a file of the TFTP root. Empty: "
             "none."},
    {.name = "GrubArgs", TEXT(grub[PXB_GRUB_X64][PXB_GRUB_ARGS], check_grub_args),
     .default_text = "",
     .help = "The kernel command line of the GRUB menu's entry, like console=ttyS0 quiet."},
    {.name = "GrubKernelArm64", TEXT(grub[PXB_GRUB_ARM64][PXB_GRUB_KERNEL], check_grub_file),
     .default_text = "",
     .help = "The kernel the same GRUB menu boots on ARM64 (the signed chain "
             "secureboot/shimaa64.efi; the menu tells the CPU by $grub_cpu): a file of the "
             "TFTP root, signed for Secure Boot. Empty: ARM64 boots the local disk."},
    {.name = "GrubInitrdArm64", TEXT(grub[PXB_GRUB_ARM64][PXB_GRUB_INITRD], check_grub_file),
     .default_text = "",
     .help = "The initrd the GRUB menu loads with GrubKernelArm64: a file of the TFTP root. "
             "Empty: none."},
    {.name = "GrubArgsArm64", TEXT(grub[PXB_GRUB_ARM64][PXB_GRUB_ARGS], check_grub_args),
     .default_text = "",
     .help = "The kernel command line of the ARM64 entry, like console=ttyAMA0 quiet."},
};

static const pxb_setting_table TABLE = {
    "the boot plan's", SETTINGS, sizeof SETTINGS / sizeof SETTINGS[0], sizeof(pxb_boot_plan)};

const pxb_setting_table *pxb_plan_table(void)
{
    return &TABLE;
}


const pxb_stage_info *pxb_stage(enum pxb_stage stage)
{
    return &STAGES[stage];
}

const pxb_stage_info *pxb_stage_for_arch(unsigned arch, enum pxb_stage *which)
{
    for (size_t s = 0; s < PXB_STAGE_COUNT; s++) {
        for (size_t a = 0; a < STAGES[s].arch_count; a++) {
            if (STAGES[s].arches[a] == arch) {
                *which = (enum pxb_stage)s;
                return &STAGES[s];
            }
        }
    }
    return NULL;
}

void pxb_plan_defaults(pxb_boot_plan *plan)
{
    memset(plan, 0, sizeof *plan);
    pxb_setting_defaults(&TABLE, plan);
}

int pxb_plan_set(pxb_boot_plan *plan, const char *name, const char *value, pxb_error *err)
{
    return pxb_setting_set(&TABLE, plan, name, value, err);
}

/* --- writing values ------------------------------------------------------------------ */

int pxb_plan_get(const pxb_boot_plan *plan, const char *name, char *out, size_t out_len)
{
    return pxb_setting_get(&TABLE, plan, name, out, out_len);
}

size_t pxb_plan_format(const pxb_boot_plan *plan, char *out, size_t out_len)
{
    pxb_text t;
    char value[VALUE_TEXT_MAX];

    pxb_text_init(&t, out, out_len);
    for (size_t i = 0; i < TABLE.count; i++) {
        pxb_setting_format(&SETTINGS[i], plan, value, sizeof value);
        pxb_text_printf(&t, "%s=%s\n", SETTINGS[i].name, value);
    }
    return t.len;
}

/* --- checks across settings ------------------------------------------------------------ */

int pxb_plan_is_first_stage(const pxb_boot_plan *plan, const char *value)
{
    for (size_t s = 0; s < PXB_STAGE_COUNT; s++)
        if (plan->stage[s][0] != '\0' && pxb_same_file_name(value, plan->stage[s]))
            return 1;
    return 0;
}

int pxb_plan_is_excluded(const pxb_boot_plan *plan, const pxb_mac *mac)
{
    for (size_t i = 0; i < plan->excluded_count; i++)
        if (pxb_mac_equal(&plan->excluded[i], mac))
            return 1;
    return 0;
}

/* The URL iPXE clients booted from server get: ScriptUrl, or tftp://<server>/boot.ipxe. */
static void script_url_at(const pxb_boot_plan *plan, uint32_t server,
                          char out[PXB_PLAN_VALUE_MAX])
{
    char text[PXB_IPV4_TEXT_MAX];

    if (plan->script_url[0] != '\0') {
        snprintf(out, PXB_PLAN_VALUE_MAX, "%s", plan->script_url);
        return;
    }
    pxb_ipv4_format(server, text);
    snprintf(out, PXB_PLAN_VALUE_MAX, "tftp://%s/%s", text, PXB_DEFAULT_SCRIPT);
}

void pxb_plan_script_url(const pxb_boot_plan *plan, char out[PXB_PLAN_VALUE_MAX])
{
    script_url_at(plan, plan->server, out);
}

static const pxb_scope_server *find_scope_server(const pxb_boot_plan *plan, uint32_t network)
{
    for (size_t i = 0; i < plan->scope_server_count; i++)
        if (plan->scope_servers[i].scope.network == network)
            return &plan->scope_servers[i];
    return NULL;
}

uint32_t pxb_plan_scope_server(const pxb_boot_plan *plan, uint32_t network)
{
    const pxb_scope_server *site = find_scope_server(plan, network);

    return site != NULL ? site->server : plan->server;
}

static int is_kept(uint32_t network, const uint32_t *subnets, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (subnets[i] == network)
            return 1;
    return 0;
}

void pxb_plan_keep_scopes(const pxb_boot_plan *plan, const uint32_t *subnets, size_t count,
                          pxb_boot_plan *out)
{
    *out = *plan;
    out->scope_count = 0;
    out->scope_server_count = 0;
    for (size_t i = 0; i < plan->scope_count; i++)
        if (is_kept(plan->scopes[i].network, subnets, count))
            out->scopes[out->scope_count++] = plan->scopes[i];
    for (size_t i = 0; i < plan->scope_server_count; i++)
        if (is_kept(plan->scope_servers[i].scope.network, subnets, count))
            out->scope_servers[out->scope_server_count++] = plan->scope_servers[i];
}

static int has_stage(const pxb_boot_plan *plan)
{
    for (size_t s = 0; s < PXB_STAGE_COUNT; s++)
        if (plan->stage[s][0] != '\0')
            return 1;
    return 0;
}

/* A bundled signed chain handed to the CPU it is not built for: the firmware refuses an EFI
 * program of another machine type. */
static int check_chain_cpu(const pxb_boot_plan *plan, pxb_error *err)
{
    for (size_t s = 0; s < PXB_STAGE_COUNT; s++) {
        const char *file = plan->stage[s], *want = STAGES[s].signed_chain;
        if (STAGES[s].http || pxb_first_stage_of(file) != PXB_FIRST_SIGNED_CHAIN ||
            (want != NULL && pxb_ascii_same_path(file + (file[0] == '/' || file[0] == '\\'),
                                                 want)))
            continue;
        if (want == NULL)
            return pxb_error_set(err, "%s: '%.100s' is a bundled signed chain for another CPU, "
                                 "which %s firmware refuses; there is no bundled signed chain "
                                 "for %s clients (the bundled ones are %s for x64 UEFI and %s "
                                 "for ARM64 UEFI)", STAGES[s].setting, file, STAGES[s].label,
                                 STAGES[s].label, PXB_SIGNED_CHAIN_X64, PXB_SIGNED_CHAIN_ARM64);
        return pxb_error_set(err, "%s: '%.100s' is the bundled signed chain of another CPU, "
                             "which %s firmware refuses (the wrong machine type); use %s",
                             STAGES[s].setting, file, STAGES[s].label, want);
    }
    return 0;
}

/* iPXE's signed builds cannot embed a script: with one of them, EmbeddedScript=1 would
 * leave no loop break. No GRUB kernel may load a first stage again. */
static int check_signed(const pxb_boot_plan *plan, pxb_error *err)
{
    static const char *const KERNEL_SETTINGS[PXB_GRUB_CPUS] = {"GrubKernel", "GrubKernelArm64"};
    for (size_t s = 0; plan->embedded_script && s < PXB_STAGE_COUNT; s++) {
        if (STAGES[s].http || pxb_first_stage_of(plan->stage[s]) != PXB_FIRST_SIGNED_IPXE)
            continue;
        pxb_error_set(err, "EmbeddedScript=1, but %s '%.100s' is iPXE's signed build, "
                      "which cannot embed a script: without the iPXE rule it would load itself "
                      "again and again (the chainload loop); set EmbeddedScript=0",
                      STAGES[s].setting, plan->stage[s]);
        return -1;
    }
    for (size_t c = 0; c < PXB_GRUB_CPUS; c++) {
        const char *kernel = plan->grub[c][PXB_GRUB_KERNEL];
        if (!pxb_plan_is_first_stage(plan, kernel))
            continue;
        pxb_error_set(err, "%s: '%.100s' names a first-stage image, so GRUB would start the "
                      "chain again (a loop); give the kernel to boot, like debian/vmlinuz",
                      KERNEL_SETTINGS[c], kernel);
        return -1;
    }
    return check_chain_cpu(plan, err);
}

/* The default script at whatever server the client booted from (iPXE's setting). */
#define NEXT_SERVER_SCRIPT "tftp://${next-server}/" PXB_DEFAULT_SCRIPT

/* BootTarget must lead on from the boot script: not back to iPXE, not to the script any
 * site's clients get (by address or as ${next-server}). */
static int check_target(const pxb_boot_plan *plan, const char *script, pxb_error *err)
{
    char site_script[PXB_PLAN_VALUE_MAX];

    if (pxb_plan_is_first_stage(plan, plan->boot_target)) {
        pxb_error_set(err, "BootTarget: '%.100s' names a first-stage image, so the boot "
                      "script would load iPXE again (the chainload loop); give what iPXE should "
                      "boot, like http://deploy.example.com/menu.ipxe", plan->boot_target);
        return -1;
    }
    if (plan->boot_target[0] == '\0')
        return 0;
    int loops = pxb_ascii_same(plan->boot_target, script) ||
                (plan->script_url[0] == '\0' &&
                 pxb_ascii_same(plan->boot_target, NEXT_SERVER_SCRIPT));
    for (size_t i = 0; !loops && i < plan->scope_server_count; i++) {
        script_url_at(plan, plan->scope_servers[i].server, site_script);
        loops = pxb_ascii_same(plan->boot_target, site_script);
    }
    if (!loops)
        return 0;
    pxb_error_set(err, "BootTarget: '%.100s' is the boot script itself, which would chain "
                  "to itself forever; give what the script should boot", plan->boot_target);
    return -1;
}

static int has_scope(const pxb_boot_plan *plan, const pxb_ipv4_net *scope)
{
    for (size_t i = 0; i < plan->scope_count; i++)
        if (plan->scopes[i].network == scope->network && plan->scopes[i].mask == scope->mask)
            return 1;
    return 0;
}

/* Every ScopeBootServers item names a scope of Scopes. */
static int check_scope_servers(const pxb_boot_plan *plan, pxb_error *err)
{
    char net[PXB_NET_TEXT_MAX], item[PXB_NET_TEXT_MAX + PXB_IPV4_TEXT_MAX];

    for (size_t i = 0; i < plan->scope_server_count; i++) {
        const pxb_scope_server *site = &plan->scope_servers[i];
        if (has_scope(plan, &site->scope))
            continue;
        format_scope_server(site, item, sizeof item);
        pxb_net_format(&site->scope, net);
        return pxb_error_set(err, "ScopeBootServers: '%s' names %s, which is not one of "
                             "Scopes; add %s to Scopes or remove the item", item, net, net);
    }
    return 0;
}

int pxb_plan_validate(const pxb_boot_plan *plan, pxb_error *err)
{
    char script[PXB_PLAN_VALUE_MAX];

    if (plan->server == 0) {
        pxb_error_set(err, "BootServer is not set: give the IPv4 address of the TFTP "
                      "server (option 066 / next-server), like 10.0.0.5");
        return -1;
    }
    if (!has_stage(plan)) {
        pxb_error_set(err, "the plan hands out no first-stage image: set BiosFile, "
                      "UefiX64File or another image or HTTP boot URL");
        return -1;
    }
    if (plan->embedded_script && plan->script_url[0] != '\0') {
        pxb_error_set(err, "ScriptUrl is set but EmbeddedScript=1: with an embedded "
                      "script there is no iPXE rule and the URL is never handed out; clear one "
                      "of the two");
        return -1;
    }
    pxb_plan_script_url(plan, script);
    if (!plan->embedded_script && pxb_plan_is_first_stage(plan, script)) {
        pxb_error_set(err, "ScriptUrl: '%.100s' names a first-stage image, so iPXE would "
                      "load iPXE again (the chainload loop); give the URL of an iPXE script, like "
                      "tftp://<BootServer>/boot.ipxe", script);
        return -1;
    }
    if (check_signed(plan, err) != 0 || check_scope_servers(plan, err) != 0)
        return -1;
    return check_target(plan, script, err);
}

/* --- the text form --------------------------------------------------------------------- */

/* Copies s[0..n) without surrounding blanks into out; -1 if it does not fit. */
static int copy_trimmed(const char *s, size_t n, char *out, size_t out_len)
{
    while (n > 0 && (*s == ' ' || *s == '\t')) {
        s++;
        n--;
    }
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        n--;
    if (n >= out_len)
        return -1;
    memcpy(out, s, n);
    out[n] = '\0';
    return 0;
}

/* Applies one "Name=value" line; seen[] records the line each setting came from. */
static int parse_line(pxb_boot_plan *plan, const char *line, size_t n, unsigned number,
                      unsigned seen[], pxb_error *err)
{
    char name[NAME_TEXT_MAX], value[VALUE_TEXT_MAX];
    const char *eq = memchr(line, '=', n);

    if (eq == NULL) {
        pxb_error_set(err, "line %u: '%.*s' is not Name=value", number,
                      (int)(n > 60 ? 60 : n), line);
        return -1;
    }
    if (copy_trimmed(line, (size_t)(eq - line), name, sizeof name) != 0 ||
        copy_trimmed(eq + 1, n - (size_t)(eq - line) - 1, value, sizeof value) != 0) {
        pxb_error_set(err, "line %u: the name or value is too long", number);
        return -1;
    }
    const pxb_setting *st = pxb_setting_find(&TABLE, name);
    if (st != NULL && seen[st - SETTINGS] != 0) {
        pxb_error_set(err, "line %u: %s is set twice (first on line %u); set it once",
                      number, st->name, seen[st - SETTINGS]);
        return -1;
    }
    if (pxb_plan_set(plan, name, value, err) != 0) {
        pxb_error_prefix(err, "line %u", number);
        return -1;
    }
    seen[st - SETTINGS] = number;
    return 0;
}

static int is_skipped_line(const char *line, size_t n)
{
    size_t i = 0;

    while (i < n && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r'))
        i++;
    return i == n || line[i] == '#' || line[i] == ';';
}

int pxb_plan_parse(const char *text, pxb_boot_plan *plan, pxb_error *err)
{
    pxb_boot_plan next;
    unsigned seen[sizeof SETTINGS / sizeof SETTINGS[0]] = {0};
    unsigned number = 0;

    pxb_plan_defaults(&next);
    while (*text) {
        const char *end = strchr(text, '\n');
        size_t n = end ? (size_t)(end - text) : strlen(text);
        number++;
        if (!is_skipped_line(text, n) &&
            parse_line(&next, text, n, number, seen, err) != 0)
            return -1;
        text += end ? n + 1 : n;
    }
    if (pxb_plan_validate(&next, err) != 0)
        return -1;
    *plan = next;
    return 0;
}

/* --- rules ----------------------------------------------------------------------------- */

static pxb_rule *add_rule(pxb_rule_list *list, enum pxb_rule_kind kind, const char *label,
                          const char *id, unsigned *order)
{
    pxb_rule *r = &list->rules[list->count++];

    memset(r, 0, sizeof *r);
    r->kind = kind;
    r->order = kind == PXB_RULE_EXCLUDE ? 0 : (*order)++;
    r->id = id;
    snprintf(r->label, sizeof r->label, "%s", label);
    snprintf(r->policy, sizeof r->policy, "pxebridge %s", label);
    return r;
}

static void add_stage_rule(const pxb_boot_plan *plan, uint32_t boot_server,
                           enum pxb_stage stage, pxb_rule_list *list, unsigned *order)
{
    const pxb_stage_info *info = &STAGES[stage];
    pxb_rule *r = add_rule(list, PXB_RULE_STAGE, info->label, info->id, order);
    char server[PXB_IPV4_TEXT_MAX];
    pxb_text sum;

    r->stage = stage;
    r->not_ipxe = 1;
    r->not_excluded = plan->excluded_count > 0;
    r->next_server = info->http ? 0 : boot_server;
    r->http_client = info->http;
    snprintf(r->boot_file, sizeof r->boot_file, "%s", plan->stage[stage]);
    pxb_text_init(&sum, r->summary, sizeof r->summary);
    pxb_text_printf(&sum, "%s %s (arch", PXB_OWNER_MARK, info->label);
    for (size_t a = 0; a < info->arch_count; a++) {
        pxb_rule_vendor *v = &r->vendors[r->vendor_count++];
        char prefix[PXB_VENDOR_PREFIX_MAX];
        v->arch = info->arches[a];
        pxb_arch_vendor_prefix(v->arch, prefix);
        snprintf(v->prefix, sizeof v->prefix, "%s", prefix);
        snprintf(v->class_name, sizeof v->class_name, "%s%s", PXB_VENDOR_CLASS_NAME_PREFIX,
                 prefix);
        pxb_text_printf(&sum, "%s %u", a ? "," : "", v->arch);
    }
    pxb_text_printf(&sum, "), not iPXE -> %s", r->boot_file);
    pxb_ipv4_format(boot_server, server);
    if (info->http)
        pxb_text_printf(&sum, " with option 060 %s", PXB_HTTP_CLIENT_ID);
    else
        pxb_text_printf(&sum, " from %s", server);
    r->first_stage = info->http || stage == PXB_STAGE_BIOS ? PXB_FIRST_IPXE
                                                           : pxb_first_stage_of(r->boot_file);
    if (r->first_stage != PXB_FIRST_IPXE)
        pxb_text_printf(&sum, " (%s)", pxb_first_stage_note(r->first_stage));
}

/* The rules with boot_server in 066 / next-server and the default script URL. */
static void derive_rules(const pxb_boot_plan *plan, uint32_t boot_server, pxb_rule_list *out)
{
    unsigned order = 1;

    out->count = 0;
    if (plan->excluded_count > 0) {
        pxb_rule *r = add_rule(out, PXB_RULE_EXCLUDE, "excluded MACs", "excluded", &order);
        snprintf(r->summary, sizeof r->summary, "%s MAC address in ExcludeMacs (%u listed) "
                 "-> no boot options", PXB_OWNER_MARK, (unsigned)plan->excluded_count);
    }
    if (!plan->embedded_script) {
        pxb_rule *r = add_rule(out, PXB_RULE_IPXE, "iPXE", "ipxe", &order);
        r->not_excluded = plan->excluded_count > 0;
        r->next_server = boot_server;
        script_url_at(plan, boot_server, r->boot_file);
        snprintf(r->summary, sizeof r->summary, "%s user class is '%s' -> boot script %s",
                 PXB_OWNER_MARK, PXB_IPXE_USER_CLASS, r->boot_file);
    }
    for (size_t s = 0; s < PXB_STAGE_COUNT; s++)
        if (plan->stage[s][0] != '\0')
            add_stage_rule(plan, boot_server, (enum pxb_stage)s, out, &order);
}

void pxb_plan_rules(const pxb_boot_plan *plan, pxb_rule_list *out)
{
    derive_rules(plan, plan->server, out);
}

void pxb_plan_scope_rules(const pxb_boot_plan *plan, uint32_t network, pxb_rule_list *out)
{
    derive_rules(plan, pxb_plan_scope_server(plan, network), out);
}

const char *pxb_plan_winpe_target(const pxb_boot_plan *plan)
{
    size_t len = strlen(PXB_WINPE_TARGET);
    return strncmp(plan->boot_target, PXB_WINPE_TARGET, len) == 0 ? plan->boot_target + len
                                                                   : NULL;
}
