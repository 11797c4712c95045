/* cmd_config_show.c: `pxebridge config show [--json]`: every setting of the service and
 * of the boot plan with the value in force, its default, whether a value is stored, where
 * the value comes from (Group Policy, Parameters or the default), and what is wrong with a
 * stored value that is not valid. --json also gives each setting's kind, range, choices
 * and help, as its table says. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "config_registry.h"
#include "console.h"
#include "json_writer.h"
#include "plan_registry.h"
#include "settings.h"

#define PROBLEMS_MAX 32
#define PROBLEM_TEXT_MAX 512 /* one problem as config show prints it */
#define NAME_WIDTH 22

static const char *const GROUP_KEYS[CLI_GROUPS] = {PXB_PARAMETERS_KEY, PXB_BOOT_PLAN_KEY};
static const char *const SOURCE_TEXT[] = {"default", "set", "Group Policy"};
static const char *const GROUP_TITLES[CLI_GROUPS] = {"Service settings", "Boot plan"};
static const char *const GROUP_JSON[CLI_GROUPS] = {"service", "boot_plan"};

/* The problems found, each with the setting it belongs to ("" for none). */
typedef struct found {
    struct {
        char name[64];
        char why[PROBLEM_TEXT_MAX];
    } items[PROBLEMS_MAX];
    size_t count;
} found;

/* A cli_problem_fn. */
static void record(void *ctx, const char *name, const char *why)
{
    found *f = ctx;
    if (f->count == PROBLEMS_MAX)
        return;
    snprintf(f->items[f->count].name, sizeof f->items[0].name, "%s", name);
    snprintf(f->items[f->count].why, sizeof f->items[0].why, "%s", why);
    f->count++;
}

static const char *problem_of(const found *f, const char *name)
{
    for (size_t i = 0; i < f->count; i++)
        if (strcmp(f->items[i].name, name) == 0)
            return f->items[i].why;
    return NULL;
}

/* Everything the output is made of. */
typedef struct view {
    cli_stored stored;
    cli_built built, defaults;
    found problems;
} view;

static int is_setting(const char *name)
{
    cli_setting st;
    return cli_setting_find(name, &st) == 0;
}

/* The boot plan as a whole: empty (nothing stored) is no problem, invalid is. */
static void check_plan(view *v)
{
    pxb_error why;
    if (v->built.plan_stored && pxb_plan_validate(&v->built.plan, &why) != 0)
        record(&v->problems, "", why.text);
}

/* What the setting's table says of it: kind, range, choices, help. */
static void json_definition(pxb_json *j, const pxb_setting *def)
{
    pxb_json_field_string(j, "kind", pxb_setting_kind_name(def->kind));
    pxb_json_field_int(j, "min", def->min);
    pxb_json_field_int(j, "max", def->max);
    pxb_json_field_bool(j, "zero_off", def->zero_off);
    pxb_json_key(j, "choices");
    pxb_json_begin_array(j);
    for (size_t i = 0; def->choices != NULL && def->choices[i] != NULL; i++)
        pxb_json_string(j, def->choices[i]);
    pxb_json_end_array(j);
    pxb_json_field_string(j, "help", def->help);
}

static void json_setting(pxb_json *j, const view *v, const cli_setting *st)
{
    char value[CLI_VALUE_MAX], def[CLI_VALUE_MAX];
    cli_setting_value(st, &v->built, value);
    cli_setting_value(st, &v->defaults, def);
    pxb_json_begin_object(j);
    pxb_json_field_string(j, "name", st->name);
    pxb_json_field_string(j, "value", value);
    pxb_json_field_string(j, "default", def);
    pxb_json_field_bool(j, "set", cli_stored_find(&v->stored, st->group, st->name) != NULL);
    pxb_json_field_string(j, "source",
                          pxb_setting_source_name(cli_setting_source(st, &v->built)));
    pxb_json_field_string(j, "problem", problem_of(&v->problems, st->name));
    json_definition(j, cli_setting_def(st));
    pxb_json_end_object(j);
}

static int show_json(const view *v)
{
    pxb_json j;
    size_t count = cli_setting_count();
    pxb_json_init(&j);
    pxb_json_begin_object(&j);
    for (int g = 0; g < CLI_GROUPS; g++) {
        pxb_json_key(&j, GROUP_JSON[g]);
        pxb_json_begin_object(&j);
        pxb_json_field_string(&j, "key", GROUP_KEYS[g]);
        pxb_json_field_string(&j, "policy_key", cli_policy_key((enum cli_group)g));
        pxb_json_key(&j, "settings");
        pxb_json_begin_array(&j);
        for (size_t i = 0; i < count; i++) {
            cli_setting st = cli_setting_at(i);
            if (st.group == (enum cli_group)g)
                json_setting(&j, v, &st);
        }
        pxb_json_end_array(&j);
        pxb_json_key(&j, "ignored");
        pxb_json_begin_array(&j);
        for (size_t i = 0; i < v->stored.own[g].count; i++)
            if (!is_setting(v->stored.own[g].values[i].name))
                pxb_json_string(&j, v->stored.own[g].values[i].name);
        pxb_json_end_array(&j);
        pxb_json_end_object(&j);
    }
    pxb_json_field_bool(&j, "boot_plan_configured", v->built.plan_stored);
    pxb_json_key(&j, "problems");
    pxb_json_begin_array(&j);
    for (size_t i = 0; i < v->problems.count; i++)
        pxb_json_string(&j, v->problems.items[i].why);
    pxb_json_end_array(&j);
    pxb_json_end_object(&j);
    return cli_put_json(&j);
}

static void show_group(const view *v, enum cli_group g)
{
    char value[CLI_VALUE_MAX], def[CLI_VALUE_MAX];
    size_t count = cli_setting_count();
    cli_printf(CLI_STDOUT, "%s (%s; Group Policy: %s):\n", GROUP_TITLES[g], GROUP_KEYS[g],
               cli_policy_key(g));
    for (size_t i = 0; i < count; i++) {
        cli_setting st = cli_setting_at(i);
        if (st.group != g)
            continue;
        cli_setting_value(&st, &v->built, value);
        cli_setting_value(&st, &v->defaults, def);
        enum pxb_setting_source from = cli_setting_source(&st, &v->built);
        cli_printf(CLI_STDOUT, "  %-*s %s  (%s", NAME_WIDTH, st.name, value[0] ? value : "(empty)",
                   SOURCE_TEXT[from]);
        if (from != PXB_SOURCE_DEFAULT)
            cli_printf(CLI_STDOUT, "; default %s", def[0] ? def : "empty");
        cli_printf(CLI_STDOUT, ")\n");
        const char *why = problem_of(&v->problems, st.name);
        if (why != NULL)
            cli_printf(CLI_STDOUT, "  %-*s ! the stored value is not used: %s\n", NAME_WIDTH, "",
                       why);
    }
    for (size_t i = 0; i < v->stored.own[g].count; i++)
        if (!is_setting(v->stored.own[g].values[i].name))
            cli_printf(CLI_STDOUT, "  note: the value '%s' is no setting; it is ignored\n",
                       v->stored.own[g].values[i].name);
}

static void show_text(const view *v)
{
    show_group(v, CLI_SERVICE);
    cli_printf(CLI_STDOUT, "\n");
    show_group(v, CLI_BOOT_PLAN);
    if (!v->built.plan_stored)
        cli_printf(CLI_STDOUT, "  note: no boot plan is stored yet; start with '" CLI_PROGRAM
                               " config set BootServer=ADDRESS'\n");
    for (size_t i = 0; i < v->problems.count; i++)
        if (v->problems.items[i].name[0] == '\0')
            cli_fail("%s", v->problems.items[i].why);
    if (v->problems.count > 0)
        cli_fail("some stored values are not valid; fix them with '" CLI_PROGRAM
                 " config set NAME=VALUE' or '" CLI_PROGRAM " config reset NAME'");
}

int cli_config_show(const cli_call *call)
{
    view v;
    pxb_error err;
    found scratch = {.count = 0};
    memset(&v, 0, sizeof v);
    if (cli_stored_read(&v.stored, &err) != 0)
        return cli_fail("%s; run as an administrator", err.text);
    cli_settings_build(&v.stored, NULL, 0, &v.built, record, &v.problems);
    cli_settings_build(NULL, NULL, 0, &v.defaults, record, &scratch);
    check_plan(&v);
    int rc = CLI_OK;
    if (call->json)
        rc = show_json(&v);
    else
        show_text(&v);
    cli_stored_free(&v.stored);
    return v.problems.count == 0 ? rc : CLI_FAILED;
}
