/* own_build_records.c: the own builds' records under Parameters\Firmware, read, written
 * and deleted (see own_build_records.h). */
#include "own_build_records.h"

#include "own_build_record.h"
#include "problems.h"
#include "reg_values.h"

/* Where cli_own_builds_read passes the records it reads. */
typedef struct record_reader {
    cli_own_build_fn fn;
    void *ctx;
} record_reader;

/* A pxb_reg_value_fn: one record of an own build. */
static void keep_record(void *ctx, const char *name, const char *text, const char *why)
{
    const record_reader *reader = ctx;
    char sha256[PXB_RECORD_SHA256_HEX];
    int embedded_script;
    (void)why;
    if (name[0] == '\0' || pxb_own_record_parse(text, sha256, &embedded_script) != 0)
        return; /* not a record this program wrote: it counts as none */
    reader->fn(reader->ctx, name, sha256, embedded_script);
}

int cli_own_builds_read(cli_own_build_fn fn, void *ctx, pxb_error *err)
{
    record_reader reader = {fn, ctx};
    pxb_problems problems;
    pxb_problems_init(&problems);
    pxb_reg_read_values(PXB_FIRMWARE_SUBKEY, keep_record, &reader, &problems);
    return pxb_problems_report(&problems, err);
}

int cli_image_record(const char *name, const char *sha256, int embedded_script,
                     pxb_error *err)
{
    char text[PXB_OWN_RECORD_MAX];
    pxb_own_record_format(sha256, embedded_script, text, sizeof text);
    return pxb_reg_write_text(PXB_FIRMWARE_SUBKEY, name, text, err);
}

int cli_image_forget(const char *name, pxb_error *err)
{
    return pxb_reg_delete_value(PXB_FIRMWARE_SUBKEY, name, err);
}
