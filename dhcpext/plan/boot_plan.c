/* boot_plan.c: the boot plan's defaults, settings and their text form, validation and the
 * derivation of the ordered rule list (see boot_plan.h). Pure C, no OS calls. */
#include "boot_plan.h"

#include <stdio.h>
#include <string.h>

#include "ascii_case.h"
#include "file_name.h"
#include "text_out.h"

/* Longest value of one setting in the text form (64 MAC addresses). */
#define VALUE_TEXT_MAX 2048
#define NAME_TEXT_MAX 64

static const pxb_stage_info STAGES[PXB_STAGE_COUNT] = {
    [PXB_STAGE_BIOS] = {"BiosFile", "bios", "x86 BIOS", {PXB_ARCH_BIOS}, 1, 0,
                        "undionly.kpxe"},
    [PXB_STAGE_UEFI_X64] = {"UefiX64File", "uefi-x64", "x64 UEFI",
                            {PXB_ARCH_UEFI_X64, PXB_ARCH_UEFI_X64_OLD}, 2, 0, "snponly.efi"},
    [PXB_STAGE_UEFI_IA32] = {"UefiIa32File", "uefi-ia32", "IA32 UEFI", {PXB_ARCH_UEFI_IA32}, 1,
                             0, ""},
    [PXB_STAGE_UEFI_ARM64] = {"UefiArm64File", "uefi-arm64", "ARM64 UEFI",
                              {PXB_ARCH_UEFI_ARM64}, 1, 0, ""},
    [PXB_STAGE_HTTP_X64] = {"HttpBootX64Url", "http-x64", "x64 UEFI HTTP", {PXB_ARCH_HTTP_X64},
                            1, 1, ""},
    [PXB_STAGE_HTTP_IA32] = {"HttpBootIa32Url", "http-ia32", "IA32 UEFI HTTP",
                             {PXB_ARCH_HTTP_IA32}, 1, 1, ""},
    [PXB_STAGE_HTTP_ARM64] = {"HttpBootArm64Url", "http-arm64", "ARM64 UEFI HTTP",
                              {PXB_ARCH_HTTP_ARM64}, 1, 1, ""},
};

static const pxb_plan_setting SETTINGS[] = {
    {"BootServer", PXB_PLAN_SERVER, 0, "",
     "IPv4 address of the TFTP server with the first-stage images (option 066 / "
     "next-server). Required.", 0},
    {"BiosFile", PXB_PLAN_STAGE, PXB_STAGE_BIOS, "undionly.kpxe",
     "First-stage image for x86 BIOS clients (arch 0). Empty: no BIOS rule.", 0},
    {"UefiX64File", PXB_PLAN_STAGE, PXB_STAGE_UEFI_X64, "snponly.efi",
     "First-stage image for x64 UEFI clients (arch 7 and 9): snponly.efi (uses the "
     "firmware's network driver) or ipxe.efi (iPXE's own drivers). Empty: no rule.", 0},
    {"UefiIa32File", PXB_PLAN_STAGE, PXB_STAGE_UEFI_IA32, "",
     "First-stage image for IA32 UEFI clients (arch 6). Empty: no rule.", 0},
    {"UefiArm64File", PXB_PLAN_STAGE, PXB_STAGE_UEFI_ARM64, "",
     "First-stage image for ARM64 UEFI clients (arch 11). Empty: no rule.", 0},
    {"HttpBootX64Url", PXB_PLAN_STAGE, PXB_STAGE_HTTP_X64, "",
     "http(s) URL for x64 UEFI HTTP boot clients (arch 16), sent with option 060 "
     "HTTPClient. Empty: no rule.", 0},
    {"HttpBootIa32Url", PXB_PLAN_STAGE, PXB_STAGE_HTTP_IA32, "",
     "http(s) URL for IA32 UEFI HTTP boot clients (arch 15). Empty: no rule.", 0},
    {"HttpBootArm64Url", PXB_PLAN_STAGE, PXB_STAGE_HTTP_ARM64, "",
     "http(s) URL for ARM64 UEFI HTTP boot clients (arch 19). Empty: no rule.", 0},
    {"ScriptUrl", PXB_PLAN_SCRIPT, 0, "",
     "What iPXE clients (user class iPXE) boot: a tftp://, http:// or https:// URL. "
     "Empty: tftp://<BootServer>/boot.ipxe, the script the service serves.", 0},
    {"EmbeddedScript", PXB_PLAN_FLAG, 0, "0",
     "1 if the first-stage images have an embedded script: then there is no iPXE rule.", 0},
    {"Scopes", PXB_PLAN_SCOPES, 0, "",
     "IPv4 subnets (like 10.0.0.0/24) the plan applies to. Empty: the whole server.", 0},
    {"ExcludeMacs", PXB_PLAN_MACS, 0, "",
     "MAC addresses (like 00:11:22:33:44:55) that get no boot options.", 0},
    {"BootTarget", PXB_PLAN_TARGET, 0, "",
     "What the generated boot.ipxe chains to: a tftp://, http:// or https:// URL (an iPXE "
     "script, a kernel); iPXE settings like ${mac} are expanded. Empty: it boots the local "
     "disk.", 0},
    {"MenuTimeout", PXB_PLAN_SECONDS, 0, "0",
     "Seconds the generated boot.ipxe shows its menu (BootTarget, local disk, iPXE shell) "
     "before taking the first entry, 0 to 600. 0: no menu.", 0},
    {"GrubKernel", PXB_PLAN_GRUB, 0, "",
     "The kernel the generated GRUB menu (grub/grub.cfg, for the signed chain "
     "secureboot/shimx64.efi) boots: a file of the TFTP root, signed for Secure Boot. "
     "Empty: the menu boots the local disk.", PXB_GRUB_KERNEL},
    {"GrubInitrd", PXB_PLAN_GRUB, 0, "",
     "The initrd the GRUB menu loads with GrubKernel: a file of the TFTP root. Empty: none.",
     PXB_GRUB_INITRD},
    {"GrubArgs", PXB_PLAN_GRUB, 0, "",
     "The kernel command line of the GRUB menu's entry, like console=ttyS0 quiet.",
     PXB_GRUB_ARGS},
};

#define SETTING_COUNT (sizeof SETTINGS / sizeof SETTINGS[0])

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

const pxb_plan_setting *pxb_plan_settings(size_t *count)
{
    *count = SETTING_COUNT;
    return SETTINGS;
}

void pxb_plan_defaults(pxb_boot_plan *plan)
{
    memset(plan, 0, sizeof *plan);
    for (size_t s = 0; s < PXB_STAGE_COUNT; s++)
        snprintf(plan->stage[s], sizeof plan->stage[s], "%s", STAGES[s].default_value);
}

static int starts_with_text(const char *s, const char *prefix)
{
    for (; *prefix; s++, prefix++)
        if (pxb_ascii_lower(*s) != pxb_ascii_lower(*prefix))
            return 0;
    return 1;
}

static const pxb_plan_setting *find_setting(const char *name)
{
    for (size_t i = 0; i < SETTING_COUNT; i++)
        if (pxb_ascii_same(SETTINGS[i].name, name))
            return &SETTINGS[i];
    return NULL;
}

/* --- reading values ------------------------------------------------------------------ */

static int is_list_separator(char c)
{
    return c == ',' || c == ' ' || c == '\t';
}

/* Finds the next item of a comma- or space-separated list at *pos: sets *start, *len. */
static int next_item(const char *s, size_t *pos, size_t *start, size_t *len)
{
    while (s[*pos] && is_list_separator(s[*pos]))
        (*pos)++;
    if (s[*pos] == '\0')
        return 0;
    *start = *pos;
    while (s[*pos] && !is_list_separator(s[*pos]))
        (*pos)++;
    *len = *pos - *start;
    return 1;
}

static int set_server(pxb_boot_plan *plan, const pxb_plan_setting *st, const char *value,
                      char *err, size_t err_len)
{
    uint32_t addr;

    if (value[0] == '\0') {
        plan->server = 0;
        return 0;
    }
    if (pxb_ipv4_parse(value, strlen(value), &addr) != 0 || addr == 0 || addr >= 0xE0000000u ||
        (addr >> 24) == 127) {
        snprintf(err, err_len, "%s: '%s' is not a usable IPv4 address; give the TFTP "
                 "server's unicast address, like 10.0.0.5", st->name, value);
        return -1;
    }
    plan->server = addr;
    return 0;
}

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

/* Checks a boot file or URL; shape says what is allowed, in the words of the message. */
static int check_value(const pxb_plan_setting *st, const char *value, size_t max,
                       const char *const *schemes, const char *shape, char *err,
                       size_t err_len)
{
    const char *problem = NULL;

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
    snprintf(err, err_len, "%s: '%.80s' %s; give %s (at most %u characters, printable ASCII, "
             "no spaces)", st->name, value, problem, shape, (unsigned)max - 1);
    return -1;
}

static int set_stage(pxb_boot_plan *plan, const pxb_plan_setting *st, const char *value,
                     char *err, size_t err_len)
{
    const pxb_stage_info *info = &STAGES[st->stage];
    int bad;

    if (value[0] == '\0')
        bad = 0;
    else if (info->http)
        bad = check_value(st, value, PXB_PLAN_VALUE_MAX, HTTP_SCHEMES,
                          "an http:// or https:// URL, or nothing for no rule", err, err_len);
    else
        bad = check_value(st, value, PXB_PLAN_FILE_MAX, NULL,
                          "a file name on the TFTP server, like snponly.efi, or nothing for "
                          "no rule", err, err_len);
    if (bad)
        return -1;
    snprintf(plan->stage[st->stage], sizeof plan->stage[st->stage], "%s", value);
    return 0;
}

static int set_script(pxb_boot_plan *plan, const pxb_plan_setting *st, const char *value,
                      char *err, size_t err_len)
{
    if (value[0] != '\0' &&
        check_value(st, value, PXB_PLAN_VALUE_MAX, SCRIPT_SCHEMES,
                    "a tftp://, http:// or https:// URL, or nothing for the service's "
                    "tftp://<BootServer>/boot.ipxe", err, err_len) != 0)
        return -1;
    snprintf(plan->script_url, sizeof plan->script_url, "%s", value);
    return 0;
}

/* iPXE reads quotes and backslashes in a command line as quoting: a URL can't hold them. */
static int set_target(pxb_boot_plan *plan, const pxb_plan_setting *st, const char *value,
                      char *err, size_t err_len)
{
    if (value[0] != '\0' &&
        check_value(st, value, PXB_PLAN_VALUE_MAX, SCRIPT_SCHEMES,
                    "a tftp://, http:// or https:// URL, or nothing to boot the local disk",
                    err, err_len) != 0)
        return -1;
    if (strpbrk(value, "\"'\\") != NULL) {
        snprintf(err, err_len, "%s: '%.80s' contains a quote or a backslash, which iPXE would "
                 "read as quoting; write them %%-encoded (%%22, %%27, %%5C)", st->name, value);
        return -1;
    }
    snprintf(plan->boot_target, sizeof plan->boot_target, "%s", value);
    return 0;
}

static int set_seconds(pxb_boot_plan *plan, const pxb_plan_setting *st, const char *value,
                       char *err, size_t err_len)
{
    unsigned long n = 0;
    size_t i = 0;

    for (; value[i] >= '0' && value[i] <= '9' && n <= PXB_PLAN_MENU_MAX_S; i++)
        n = n * 10 + (unsigned long)(value[i] - '0');
    if (i == 0 || value[i] != '\0' || n > PXB_PLAN_MENU_MAX_S) {
        snprintf(err, err_len, "%s: '%.80s' is not a number of seconds from 0 to %u",
                 st->name, value, PXB_PLAN_MENU_MAX_S);
        return -1;
    }
    plan->menu_timeout_s = (unsigned)n;
    return 0;
}

/* GRUB reads quotes, backslashes, '$', ';', braces and line ends as its own syntax; files
 * are one word, without "..". */
static int set_grub(pxb_boot_plan *plan, const pxb_plan_setting *st, const char *value,
                    char *err, size_t err_len)
{
    int file = st->grub != PXB_GRUB_ARGS;
    const char *bad = strpbrk(value, file ? "\"'\\$;{}|&<> \t" : "\"'\\$;{}|&<>");
    for (const char *c = value; bad == NULL && *c; c++)
        if ((unsigned char)*c < 0x20 || *c == 0x7f)
            bad = c;
    if (bad != NULL || strlen(value) >= PXB_PLAN_VALUE_MAX ||
        (file && (value[0] == '/' || strstr(value, "..") != NULL))) {
        snprintf(err, err_len, "%s: '%.80s' is not %s", st->name, value, file
                 ? "a file of the TFTP root like debian/vmlinuz (no spaces, quotes, '\\', "
                   "'$', ';', braces, '..' or leading '/')"
                 : "a kernel command line GRUB can take as it is (no quotes, '\\', '$', "
                   "';', braces or control characters)");
        return -1;
    }
    snprintf(plan->grub[st->grub], sizeof plan->grub[st->grub], "%s", value);
    return 0;
}

static int set_flag(pxb_boot_plan *plan, const pxb_plan_setting *st, const char *value,
                    char *err, size_t err_len)
{
    static const char *const YES[] = {"1", "yes", "true", "on"};
    static const char *const NO[] = {"0", "no", "false", "off"};

    for (size_t i = 0; i < sizeof YES / sizeof YES[0]; i++) {
        if (pxb_ascii_same(value, YES[i])) {
            plan->embedded_script = 1;
            return 0;
        }
        if (pxb_ascii_same(value, NO[i])) {
            plan->embedded_script = 0;
            return 0;
        }
    }
    snprintf(err, err_len, "%s: '%.80s' is not a yes/no value; give 1 or 0 (yes/no, true/false, "
             "on/off)", st->name, value);
    return -1;
}

static int set_scopes(pxb_boot_plan *plan, const pxb_plan_setting *st, const char *value,
                      char *err, size_t err_len)
{
    pxb_ipv4_net nets[PXB_PLAN_SCOPES_MAX];
    size_t count = 0, pos = 0, start, len;
    char why[128];

    while (next_item(value, &pos, &start, &len)) {
        if (count == PXB_PLAN_SCOPES_MAX) {
            snprintf(err, err_len, "%s: more than %u scopes; list at most %u", st->name,
                     PXB_PLAN_SCOPES_MAX, PXB_PLAN_SCOPES_MAX);
            return -1;
        }
        if (pxb_net_parse(value + start, len, &nets[count], why, sizeof why) != 0) {
            snprintf(err, err_len, "%s: '%.*s': %s", st->name, (int)len, value + start, why);
            return -1;
        }
        for (size_t i = 0; i < count; i++) {
            if (nets[i].network == nets[count].network) {
                snprintf(err, err_len, "%s: '%.*s' is listed twice; list each scope once",
                         st->name, (int)len, value + start);
                return -1;
            }
        }
        count++;
    }
    memcpy(plan->scopes, nets, count * sizeof nets[0]);
    plan->scope_count = count;
    return 0;
}

static int set_macs(pxb_boot_plan *plan, const pxb_plan_setting *st, const char *value,
                    char *err, size_t err_len)
{
    pxb_mac macs[PXB_PLAN_MACS_MAX];
    size_t count = 0, pos = 0, start, len;

    while (next_item(value, &pos, &start, &len)) {
        if (count == PXB_PLAN_MACS_MAX) {
            snprintf(err, err_len, "%s: more than %u addresses; list at most %u", st->name,
                     PXB_PLAN_MACS_MAX, PXB_PLAN_MACS_MAX);
            return -1;
        }
        if (pxb_mac_parse(value + start, len, &macs[count]) != 0) {
            snprintf(err, err_len, "%s: '%.*s' is not a MAC address; give six hex bytes like "
                     "00:11:22:33:44:55, 00-11-22-33-44-55 or 001122334455", st->name,
                     (int)len > 40 ? 40 : (int)len, value + start);
            return -1;
        }
        count++;
    }
    memcpy(plan->excluded, macs, count * sizeof macs[0]);
    plan->excluded_count = count;
    return 0;
}

int pxb_plan_set(pxb_boot_plan *plan, const char *name, const char *value, char *err,
                 size_t err_len)
{
    const pxb_plan_setting *st = find_setting(name);

    if (st == NULL) {
        pxb_text t;
        pxb_text_init(&t, err, err_len);
        pxb_text_printf(&t, "unknown setting '%.64s'; the boot plan's settings are", name);
        for (size_t i = 0; i < SETTING_COUNT; i++)
            pxb_text_printf(&t, "%s %s", i ? "," : "", SETTINGS[i].name);
        return -1;
    }
    switch (st->kind) {
    case PXB_PLAN_SERVER:
        return set_server(plan, st, value, err, err_len);
    case PXB_PLAN_STAGE:
        return set_stage(plan, st, value, err, err_len);
    case PXB_PLAN_SCRIPT:
        return set_script(plan, st, value, err, err_len);
    case PXB_PLAN_FLAG:
        return set_flag(plan, st, value, err, err_len);
    case PXB_PLAN_SCOPES:
        return set_scopes(plan, st, value, err, err_len);
    case PXB_PLAN_MACS:
        return set_macs(plan, st, value, err, err_len);
    case PXB_PLAN_TARGET:
        return set_target(plan, st, value, err, err_len);
    case PXB_PLAN_SECONDS:
        return set_seconds(plan, st, value, err, err_len);
    case PXB_PLAN_GRUB:
        return set_grub(plan, st, value, err, err_len);
    }
    snprintf(err, err_len, "%s: internal: unknown kind of setting", st->name);
    return -1;
}

/* --- writing values ------------------------------------------------------------------ */

static void write_value(const pxb_boot_plan *plan, const pxb_plan_setting *st, pxb_text *t)
{
    char item[PXB_NET_TEXT_MAX > PXB_MAC_TEXT_MAX ? PXB_NET_TEXT_MAX : PXB_MAC_TEXT_MAX];

    switch (st->kind) {
    case PXB_PLAN_SERVER:
        if (plan->server != 0) {
            pxb_ipv4_format(plan->server, item);
            pxb_text_put(t, item);
        }
        return;
    case PXB_PLAN_STAGE:
        pxb_text_put(t, plan->stage[st->stage]);
        return;
    case PXB_PLAN_SCRIPT:
        pxb_text_put(t, plan->script_url);
        return;
    case PXB_PLAN_FLAG:
        pxb_text_put(t, plan->embedded_script ? "1" : "0");
        return;
    case PXB_PLAN_SCOPES:
        for (size_t i = 0; i < plan->scope_count; i++) {
            pxb_net_format(&plan->scopes[i], item);
            pxb_text_printf(t, "%s%s", i ? "," : "", item);
        }
        return;
    case PXB_PLAN_MACS:
        for (size_t i = 0; i < plan->excluded_count; i++) {
            pxb_mac_format(&plan->excluded[i], ':', item);
            pxb_text_printf(t, "%s%s", i ? "," : "", item);
        }
        return;
    case PXB_PLAN_TARGET:
        pxb_text_put(t, plan->boot_target);
        return;
    case PXB_PLAN_SECONDS:
        pxb_text_printf(t, "%u", plan->menu_timeout_s);
        return;
    case PXB_PLAN_GRUB:
        pxb_text_put(t, plan->grub[st->grub]);
        return;
    }
}

int pxb_plan_get(const pxb_boot_plan *plan, const char *name, char *out, size_t out_len)
{
    const pxb_plan_setting *st = find_setting(name);
    pxb_text t;

    if (st == NULL || out_len == 0)
        return -1;
    pxb_text_init(&t, out, out_len);
    write_value(plan, st, &t);
    return pxb_text_fits(&t) ? 0 : -1;
}

size_t pxb_plan_format(const pxb_boot_plan *plan, char *out, size_t out_len)
{
    pxb_text t;

    pxb_text_init(&t, out, out_len);
    for (size_t i = 0; i < SETTING_COUNT; i++) {
        pxb_text_printf(&t, "%s=", SETTINGS[i].name);
        write_value(plan, &SETTINGS[i], &t);
        pxb_text_put(&t, "\n");
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

void pxb_plan_script_url(const pxb_boot_plan *plan, char out[PXB_PLAN_VALUE_MAX])
{
    char server[PXB_IPV4_TEXT_MAX];

    if (plan->script_url[0] != '\0') {
        snprintf(out, PXB_PLAN_VALUE_MAX, "%s", plan->script_url);
        return;
    }
    pxb_ipv4_format(plan->server, server);
    snprintf(out, PXB_PLAN_VALUE_MAX, "tftp://%s/%s", server, PXB_DEFAULT_SCRIPT);
}

static int has_stage(const pxb_boot_plan *plan)
{
    for (size_t s = 0; s < PXB_STAGE_COUNT; s++)
        if (plan->stage[s][0] != '\0')
            return 1;
    return 0;
}

/* iPXE's signed builds cannot embed a script: with one of them, EmbeddedScript=1 would
 * leave no loop break. GrubKernel must not load a first stage again. */
static int check_signed(const pxb_boot_plan *plan, char *err, size_t err_len)
{
    for (size_t s = 0; plan->embedded_script && s < PXB_STAGE_COUNT; s++) {
        if (STAGES[s].http || pxb_first_stage_of(plan->stage[s]) != PXB_FIRST_SIGNED_IPXE)
            continue;
        snprintf(err, err_len, "EmbeddedScript=1, but %s '%.100s' is iPXE's signed build, "
                 "which cannot embed a script: without the iPXE rule it would load itself "
                 "again and again (the chainload loop); set EmbeddedScript=0",
                 STAGES[s].setting, plan->stage[s]);
        return -1;
    }
    if (pxb_plan_is_first_stage(plan, plan->grub[PXB_GRUB_KERNEL])) {
        snprintf(err, err_len, "GrubKernel: '%.100s' names a first-stage image, so GRUB would "
                 "start the chain again (a loop); give the kernel to boot, like "
                 "debian/vmlinuz", plan->grub[PXB_GRUB_KERNEL]);
        return -1;
    }
    return 0;
}

/* BootTarget must lead on from the boot script: not back to iPXE, not to the script. */
static int check_target(const pxb_boot_plan *plan, const char *script, char *err,
                        size_t err_len)
{
    if (pxb_plan_is_first_stage(plan, plan->boot_target)) {
        snprintf(err, err_len, "BootTarget: '%.100s' names a first-stage image, so the boot "
                 "script would load iPXE again (the chainload loop); give what iPXE should "
                 "boot, like http://deploy.example.com/menu.ipxe", plan->boot_target);
        return -1;
    }
    if (plan->boot_target[0] != '\0' && pxb_ascii_same(plan->boot_target, script)) {
        snprintf(err, err_len, "BootTarget: '%.100s' is the boot script itself, which would "
                 "chain to itself forever; give what the script should boot", script);
        return -1;
    }
    return 0;
}

int pxb_plan_validate(const pxb_boot_plan *plan, char *err, size_t err_len)
{
    char script[PXB_PLAN_VALUE_MAX];

    if (plan->server == 0) {
        snprintf(err, err_len, "BootServer is not set: give the IPv4 address of the TFTP "
                 "server (option 066 / next-server), like 10.0.0.5");
        return -1;
    }
    if (!has_stage(plan)) {
        snprintf(err, err_len, "the plan hands out no first-stage image: set BiosFile, "
                 "UefiX64File or another image or HTTP boot URL");
        return -1;
    }
    if (plan->embedded_script && plan->script_url[0] != '\0') {
        snprintf(err, err_len, "ScriptUrl is set but EmbeddedScript=1: with an embedded "
                 "script there is no iPXE rule and the URL is never handed out; clear one "
                 "of the two");
        return -1;
    }
    pxb_plan_script_url(plan, script);
    if (!plan->embedded_script && pxb_plan_is_first_stage(plan, script)) {
        snprintf(err, err_len, "ScriptUrl: '%.100s' names a first-stage image, so iPXE would "
                 "load iPXE again (the chainload loop); give the URL of an iPXE script, like "
                 "tftp://<BootServer>/boot.ipxe", script);
        return -1;
    }
    if (check_signed(plan, err, err_len) != 0)
        return -1;
    return check_target(plan, script, err, err_len);
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
                      unsigned seen[SETTING_COUNT], char *err, size_t err_len)
{
    char name[NAME_TEXT_MAX], value[VALUE_TEXT_MAX], why[512];
    const char *eq = memchr(line, '=', n);
    const pxb_plan_setting *st;

    if (eq == NULL) {
        snprintf(err, err_len, "line %u: '%.*s' is not Name=value", number,
                 (int)(n > 60 ? 60 : n), line);
        return -1;
    }
    if (copy_trimmed(line, (size_t)(eq - line), name, sizeof name) != 0 ||
        copy_trimmed(eq + 1, n - (size_t)(eq - line) - 1, value, sizeof value) != 0) {
        snprintf(err, err_len, "line %u: the name or value is too long", number);
        return -1;
    }
    st = find_setting(name);
    if (st != NULL && seen[st - SETTINGS] != 0) {
        snprintf(err, err_len, "line %u: %s is set twice (first on line %u); set it once",
                 number, st->name, seen[st - SETTINGS]);
        return -1;
    }
    if (pxb_plan_set(plan, name, value, why, sizeof why) != 0) {
        snprintf(err, err_len, "line %u: %s", number, why);
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

int pxb_plan_parse(const char *text, pxb_boot_plan *plan, char *err, size_t err_len)
{
    pxb_boot_plan next;
    unsigned seen[SETTING_COUNT] = {0};
    unsigned number = 0;
    char why[512];

    pxb_plan_defaults(&next);
    while (*text) {
        const char *end = strchr(text, '\n');
        size_t n = end ? (size_t)(end - text) : strlen(text);
        number++;
        if (!is_skipped_line(text, n) &&
            parse_line(&next, text, n, number, seen, err, err_len) != 0)
            return -1;
        text += end ? n + 1 : n;
    }
    if (pxb_plan_validate(&next, why, sizeof why) != 0) {
        snprintf(err, err_len, "%s", why);
        return -1;
    }
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

static void add_stage_rule(const pxb_boot_plan *plan, enum pxb_stage stage,
                           pxb_rule_list *list, unsigned *order)
{
    const pxb_stage_info *info = &STAGES[stage];
    pxb_rule *r = add_rule(list, PXB_RULE_STAGE, info->label, info->id, order);
    char server[PXB_IPV4_TEXT_MAX];
    pxb_text sum;

    r->stage = stage;
    r->not_ipxe = 1;
    r->not_excluded = plan->excluded_count > 0;
    r->next_server = info->http ? 0 : plan->server;
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
    pxb_ipv4_format(plan->server, server);
    if (info->http)
        pxb_text_printf(&sum, " with option 060 %s", PXB_HTTP_CLIENT_ID);
    else
        pxb_text_printf(&sum, " from %s", server);
    r->first_stage = info->http || stage == PXB_STAGE_BIOS ? PXB_FIRST_IPXE
                                                           : pxb_first_stage_of(r->boot_file);
    if (r->first_stage != PXB_FIRST_IPXE)
        pxb_text_printf(&sum, " (%s)", pxb_first_stage_note(r->first_stage));
}

void pxb_plan_rules(const pxb_boot_plan *plan, pxb_rule_list *out)
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
        r->next_server = plan->server;
        pxb_plan_script_url(plan, r->boot_file);
        snprintf(r->summary, sizeof r->summary, "%s user class is '%s' -> boot script %s",
                 PXB_OWNER_MARK, PXB_IPXE_USER_CLASS, r->boot_file);
    }
    for (size_t s = 0; s < PXB_STAGE_COUNT; s++)
        if (plan->stage[s][0] != '\0')
            add_stage_rule(plan, (enum pxb_stage)s, out, &order);
}
