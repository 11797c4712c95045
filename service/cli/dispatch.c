/* dispatch.c: from a command line to a command (see dispatch.h). */
#include "dispatch.h"

#include <string.h>

#include "cli.h"
#include "console.h"
#include "help.h"
#include "options.h"
#include "suggest.h"

/* The options the user gave before the command. */
typedef struct globals {
    int json;
    const char *plan_file;
} globals;

static int is_help_word(const char *word)
{
    return strcmp(word, "--help") == 0 || strcmp(word, "-h") == 0 || strcmp(word, "help") == 0;
}

static const cli_noun *find_noun(const char *name)
{
    size_t count;
    const cli_noun *nouns = cli_nouns(&count);
    for (size_t i = 0; i < count; i++)
        if (strcmp(nouns[i].name, name) == 0)
            return &nouns[i];
    return NULL;
}

/* The command of noun with this verb (NULL: the noun's verb-less command), or NULL. */
static const cli_command *find_command(const char *noun, const char *verb)
{
    size_t count;
    const cli_command *cmds = cli_commands(&count);
    for (size_t i = 0; i < count; i++) {
        if (strcmp(cmds[i].noun, noun) != 0)
            continue;
        if (verb == NULL ? cmds[i].verb == NULL : cmds[i].verb && strcmp(cmds[i].verb, verb) == 0)
            return &cmds[i];
    }
    return NULL;
}

static int unknown_noun(const char *word)
{
    size_t count;
    const cli_noun *nouns = cli_nouns(&count);
    pxb_suggestion s;
    pxb_suggest_start(&s, word);
    for (size_t i = 0; i < count; i++)
        pxb_suggest_offer(&s, nouns[i].name);
    pxb_suggest_offer(&s, "help");
    char hint[PXB_SUGGEST_HINT_MAX];
    pxb_suggest_hint(&s, "", hint, sizeof hint);
    return cli_bad_usage_of("", "unknown command '%s'%s", word, hint);
}

static int unknown_verb(const cli_noun *noun, const char *word)
{
    size_t count;
    const cli_command *cmds = cli_commands(&count);
    pxb_suggestion s;
    pxb_suggest_start(&s, word);
    for (size_t i = 0; i < count; i++)
        if (strcmp(cmds[i].noun, noun->name) == 0)
            pxb_suggest_offer(&s, cmds[i].verb);
    char hint[PXB_SUGGEST_HINT_MAX];
    pxb_suggest_hint(&s, "", hint, sizeof hint);
    return cli_bad_usage_of(noun->name, "unknown verb '%s' for '%s'%s", word, noun->name, hint);
}

static int missing_verb(const cli_noun *noun)
{
    char verbs[256] = "";
    size_t count, used = 0;
    const cli_command *cmds = cli_commands(&count);
    for (size_t i = 0; i < count && used < sizeof verbs; i++) {
        if (strcmp(cmds[i].noun, noun->name) == 0)
            used += (size_t)snprintf(verbs + used, sizeof verbs - used, "%s%s",
                                     used ? ", " : "", cmds[i].verb);
    }
    return cli_bad_usage_of(noun->name, "'%s' needs a verb: %s", noun->name, verbs);
}

/* `pxebridge help [NOUN [VERB]]`. */
static int help_for(int argc, char **argv)
{
    if (argc == 0) {
        cli_help_top(CLI_STDOUT);
        return CLI_OK;
    }
    const cli_noun *noun = find_noun(argv[0]);
    if (noun == NULL)
        return unknown_noun(argv[0]);
    const cli_command *cmd = find_command(noun->name, NULL);
    if (cmd == NULL && argc > 1) {
        cmd = find_command(noun->name, argv[1]);
        if (cmd == NULL)
            return unknown_verb(noun, argv[1]);
    }
    if (cmd != NULL)
        cli_help_command(CLI_STDOUT, cmd);
    else
        cli_help_noun(CLI_STDOUT, noun);
    return CLI_OK;
}

/* True if the command's arguments ask for its help: --help or -h among the options, or
 * the single word "help". */
static int asks_help(int argc, char **argv)
{
    if (argc == 1 && strcmp(argv[0], "help") == 0)
        return 1;
    for (int i = 0; i < argc && strcmp(argv[i], "--") != 0; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return 1;
    return 0;
}

/* Parses the command's arguments, merges the options given before the command, runs it. */
static int run_command(const cli_command *cmd, const globals *g, int argc, char **argv)
{
    pxb_option_table tables[CLI_TABLES_MAX];
    pxb_error err;
    cli_call call = {.command = cmd};
    char name[64];

    if (asks_help(argc, argv)) {
        cli_help_command(CLI_STDOUT, cmd);
        return CLI_OK;
    }
    size_t count = cli_command_tables(cmd, tables);
    if (pxb_cli_parse(tables, count, argc, argv, &call.args, &err) != 0)
        return cli_bad_usage(cmd, "%s", err.text);
    cli_command_name(cmd, name, sizeof name);
    if (g->json && !(cmd->flags & CLI_JSON))
        return cli_bad_usage(cmd, "--json does not apply to '%s'", name);
    if (g->plan_file != NULL && !(cmd->flags & CLI_PLAN))
        return cli_bad_usage(cmd, "--plan-file does not apply to '%s'", name);
    if (call.args.word_count > 0 && !(cmd->flags & CLI_WORDS))
        return cli_bad_usage(cmd, "unexpected argument '%s' for '%s'", call.args.words[0], name);
    call.json = g->json || pxb_cli_has(&call.args, "json");
    call.plan_file = pxb_cli_value(&call.args, "plan-file");
    if (call.plan_file == NULL)
        call.plan_file = g->plan_file;
    return cmd->run(&call);
}

/* How many leading arguments are options before the command (a value of --plan-file
 * included). */
static int count_leading_options(int argc, char **argv)
{
    int i = 0;
    while (i < argc && argv[i][0] == '-' && argv[i][1] != '\0')
        i += strcmp(argv[i], "--plan-file") == 0 ? 2 : 1;
    return i < argc ? i : argc;
}

int cli_dispatch(int argc, char **argv)
{
    pxb_cli_args top;
    pxb_error err;
    argc--;
    argv++;
    int lead = count_leading_options(argc, argv);
    if (pxb_cli_parse(cli_global_options, CLI_TABLES_MAX, lead, argv, &top, &err) != 0)
        return cli_bad_usage_of("", "%s", err.text);
    if (pxb_cli_has(&top, "version")) {
        cli_printf(CLI_STDOUT, CLI_PROGRAM " " PXB_VERSION "\n");
        return CLI_OK;
    }
    if (pxb_cli_has(&top, "help"))
        return help_for(argc - lead, argv + lead);
    if (lead < argc && strcmp(argv[lead], "help") == 0)
        return help_for(argc - lead - 1, argv + lead + 1);
    if (lead == argc) {
        cli_help_top(CLI_STDERR);
        return CLI_USAGE;
    }
    globals g = {pxb_cli_has(&top, "json"), pxb_cli_value(&top, "plan-file")};
    const cli_noun *noun = find_noun(argv[lead]);
    if (noun == NULL)
        return unknown_noun(argv[lead]);
    const cli_command *cmd = find_command(noun->name, NULL);
    if (cmd != NULL)
        return run_command(cmd, &g, argc - lead - 1, argv + lead + 1);
    if (lead + 1 == argc)
        return missing_verb(noun);
    if (is_help_word(argv[lead + 1])) {
        cli_help_noun(CLI_STDOUT, noun);
        return CLI_OK;
    }
    cmd = find_command(noun->name, argv[lead + 1]);
    if (cmd == NULL)
        return unknown_verb(noun, argv[lead + 1]);
    return run_command(cmd, &g, argc - lead - 2, argv + lead + 2);
}
