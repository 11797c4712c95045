/* cmd_config_set.c: `pxebridge config set NAME=VALUE...` and `pxebridge config reset
 * NAME... | --all`. Both check the whole stored configuration with the changes on top
 * before anything is written (a bad value names its setting and what it allows; with
 * EmbeddedScript=1, a first-stage image in the TFTP root known to have no embedded script),
 * store the changes all or nothing, then tell a running service with PARAMCHANGE. A change
 * of a setting that Group Policy sets is stored too, with a warning that the policy's value
 * stays in force (exit 0). */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "console.h"
#include "embedded_script_check.h"
#include "firmware_images.h"
#include "service_notify.h"
#include "settings.h"
#include "suggest.h"

#define NAME_MAX_LEN 64
/* Changes one command makes: its words, or with --all every setting (fewer than this). */
#define CHANGES_MAX PXB_CLI_ARGS_MAX

static const pxb_option RESET_OPTIONS[] = {
    {"all", 0, NULL, 0, "reset every setting of the service and of the boot plan"}};

const pxb_option_table cli_config_reset_options = {RESET_OPTIONS, 1};

/* What the problem reporter needs: the groups changed, the problems reported. */
typedef struct checking {
    int touched[CLI_GROUPS];
    int problems;
} checking;

static enum cli_group group_of(const char *name)
{
    cli_setting st;
    return cli_setting_find(name, &st) == 0 ? st.group : CLI_SERVICE;
}

/* A cli_problem_fn: reports problems of the groups the command changes. */
static void report(void *ctx, const char *name, const char *why)
{
    checking *c = ctx;
    if (!c->touched[group_of(name)])
        return;
    cli_fail("%s", why);
    c->problems++;
}

/* With EmbeddedScript=1, the first-stage images in the TFTP root must have a script. */
static void check_images(const cli_built *built, checking *c)
{
    static cli_images images;
    pxb_error why;
    if (!built->plan.embedded_script)
        return;
    if (cli_images_read(built->config.tftp_root, &images, &why) != 0) {
        cli_printf(CLI_STDERR, "warning: the records of your own builds cannot be read (%s), "
                   "so the first-stage images are not checked for an embedded script\n",
                   why.text);
        return;
    }
    c->problems += (int)cli_images_check_embedded(&images, &built->plan, 1, NULL);
}

/* The rules across settings, for each group the command changes. */
static void validate(const cli_built *built, checking *c)
{
    pxb_error why;
    if (c->touched[CLI_SERVICE] && pxb_config_validate(&built->config, &why) != 0)
        report(c, "", why.text);
    if (c->touched[CLI_BOOT_PLAN] && built->plan_stored &&
        pxb_plan_validate(&built->plan, &why) != 0) {
        cli_fail("the boot plan would not be usable: %s", why.text);
        c->problems++;
    }
    if (c->problems == 0 && c->touched[CLI_BOOT_PLAN] && built->plan_stored)
        check_images(built, c);
}

static void say_done(const cli_change *changes, size_t count, const cli_built *defaults)
{
    char def[CLI_VALUE_MAX];
    for (size_t i = 0; i < count; i++) {
        if (changes[i].value != NULL) {
            cli_printf(CLI_STDOUT, "Stored %s=%s\n", changes[i].setting.name, changes[i].value);
            continue;
        }
        cli_setting_value(&changes[i].setting, defaults, def);
        cli_printf(CLI_STDOUT, "Reset %s to its default (%s)\n", changes[i].setting.name,
                   def[0] ? def : "empty");
    }
}

/* Warns of each change that Group Policy overrides: stored, but not in force. */
static void warn_policy(const cli_stored *stored, const cli_change *changes, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        const cli_setting *st = &changes[i].setting;
        const cli_stored_value *p = cli_policy_find(stored, st->group, st->name);
        if (p == NULL)
            continue;
        cli_printf(CLI_STDERR,
                   "warning: Group Policy sets %s (%s, under %s): the service uses that "
                   "value, not the one stored in Parameters, while the policy sets it; "
                   "change it in the Group Policy Object (the pxebridge administrative "
                   "template) or set that policy to Not Configured\n",
                   st->name, p->text ? p->text : "a value with no text form",
                   cli_policy_key(st->group));
    }
}

/* Checks, stores and announces the changes. */
static int change(const cli_command *cmd, const cli_stored *stored, const cli_change *changes,
                  size_t count)
{
    cli_built built, defaults;
    pxb_error err;
    checking c = {.problems = 0};
    for (size_t i = 0; i < count; i++)
        c.touched[changes[i].setting.group] = 1;
    cli_settings_build(stored, changes, count, &built, report, &c);
    if (c.problems == 0)
        validate(&built, &c);
    if (c.problems > 0) {
        char name[32];
        cli_command_name(cmd, name, sizeof name);
        return cli_bad_usage(cmd, "nothing was written: fix the value%s above (several "
                             "settings can be given in one '%s')",
                             c.problems > 1 ? "s" : "", name);
    }
    if (cli_settings_store(stored, changes, count, &err) != 0)
        return cli_fail("%s (run as an administrator?)", err.text);
    checking quiet = {.problems = 0};
    cli_settings_build(NULL, NULL, 0, &defaults, report, &quiet);
    say_done(changes, count, &defaults);
    warn_policy(stored, changes, count);
    return cli_notify_service();
}

/* Finds the setting a word names, or reports it (with a suggestion) as bad usage. */
static int find_named(const cli_command *cmd, const char *name, size_t len, cli_setting *out)
{
    char typed[NAME_MAX_LEN];
    snprintf(typed, sizeof typed, "%.*s", (int)len, name);
    if (len < sizeof typed && cli_setting_find(typed, out) == 0)
        return CLI_OK;
    pxb_suggestion s;
    pxb_suggest_start(&s, typed);
    size_t count = cli_setting_count();
    for (size_t i = 0; i < count; i++)
        pxb_suggest_offer(&s, cli_setting_at(i).name);
    pxb_error why;
    pxb_setting_unknown_word(typed, pxb_suggest_best(&s),
                             "'" CLI_PROGRAM " config show' lists them", &why);
    return cli_bad_usage(cmd, "%s", why.text);
}

static int is_listed(const cli_change *changes, size_t count, const cli_setting *st)
{
    for (size_t i = 0; i < count; i++)
        if (strcmp(changes[i].setting.name, st->name) == 0)
            return 1;
    return 0;
}

/* Turns the words into changes: "NAME=VALUE" (set) or "NAME" (reset). */
static int read_words(const cli_call *call, int with_values, cli_change *changes)
{
    for (size_t i = 0; i < call->args.word_count; i++) {
        const char *word = call->args.words[i];
        const char *eq = strchr(word, '=');
        if (with_values && eq == NULL)
            return cli_bad_usage(call->command, "'%s' is not NAME=VALUE (e.g. BootServer=10.0.0.5)",
                                 word);
        if (!with_values && eq != NULL)
            return cli_bad_usage(call->command, "'%s': give only the NAME of a setting to reset",
                                 word);
        size_t len = eq ? (size_t)(eq - word) : strlen(word);
        int rc = find_named(call->command, word, len, &changes[i].setting);
        if (rc != CLI_OK)
            return rc;
        if (is_listed(changes, i, &changes[i].setting))
            return cli_bad_usage(call->command, "%s is given twice; give it once",
                                 changes[i].setting.name);
        changes[i].value = eq ? eq + 1 : NULL;
    }
    return CLI_OK;
}

static int read_stored_and_change(const cli_command *cmd, cli_change *changes, size_t count,
                                  int every_stored)
{
    cli_stored stored;
    pxb_error err;
    if (cli_stored_read(&stored, &err) != 0)
        return cli_fail("%s (run as an administrator?)", err.text);
    size_t settings = cli_setting_count();
    for (size_t i = 0; every_stored && i < settings && count < CHANGES_MAX; i++) {
        cli_setting st = cli_setting_at(i);
        if (cli_stored_find(&stored, st.group, st.name) != NULL)
            changes[count++] = (cli_change){st, NULL};
    }
    int rc;
    if (count == 0) {
        cli_printf(CLI_STDOUT, "Nothing to reset: no setting is stored.\n");
        rc = CLI_OK;
    } else {
        rc = change(cmd, &stored, changes, count);
    }
    cli_stored_free(&stored);
    return rc;
}

int cli_config_set(const cli_call *call)
{
    cli_change changes[CHANGES_MAX];
    if (call->args.word_count == 0)
        return cli_bad_usage(call->command, "give at least one NAME=VALUE");
    int rc = read_words(call, 1, changes);
    if (rc != CLI_OK)
        return rc;
    return read_stored_and_change(call->command, changes, call->args.word_count, 0);
}

int cli_config_reset(const cli_call *call)
{
    cli_change changes[CHANGES_MAX];
    int all = pxb_cli_has(&call->args, "all");
    if (all && call->args.word_count > 0)
        return cli_bad_usage(call->command, "give either setting names or --all, not both");
    if (!all && call->args.word_count == 0)
        return cli_bad_usage(call->command, "give the names of the settings to reset, or --all");
    int rc = read_words(call, 0, changes);
    if (rc != CLI_OK)
        return rc;
    return read_stored_and_change(call->command, changes, call->args.word_count, all);
}
