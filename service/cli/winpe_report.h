/* winpe_report.h: how the `winpe` commands show a catalogued WinPE image: a few lines of
 * text (name, architecture, size, the WIM image's name and version, its files and the
 * injected ones), or a JSON object with the same facts and each file's size and SHA-256. */
#ifndef PXB_CLI_WINPE_REPORT_H
#define PXB_CLI_WINPE_REPORT_H

#include "json_writer.h"
#include "winpe_catalog.h"

/* The bytes of all of img's files. */
unsigned long long cli_winpe_size(const pxb_winpe_image *img);
/* Prints img as text to stdout. */
void cli_winpe_print(const pxb_winpe_image *img);
/* Writes img as a JSON object: {"name", "arch", "index", "image_name", "version", "size",
 * "files": [{"name", "size", "sha256", "injected"}], "injected": [names]}. */
void cli_winpe_json(pxb_json *j, const pxb_winpe_image *img);
/* The same object's fields, into an object the caller opened (winpe add --wimboot adds
 * its "wimboot" beside them). */
void cli_winpe_json_fields(pxb_json *j, const pxb_winpe_image *img);

#endif
