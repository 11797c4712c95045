/* signature_report.c: an image's signatures as JSON or text (see signature_report.h). */
#include "signature_report.h"

#include "console.h"

void cli_json_signature(pxb_json *j, const pxb_signatures *sigs)
{
    char text[1024];
    pxb_sig_describe(sigs, text, sizeof text);
    pxb_json_begin_object(j);
    pxb_json_field_string(j, "status", pxb_sig_verdict_name(sigs->verdict));
    pxb_json_field_string(j, "secure_boot", pxb_sig_refused(sigs) ? "refused" : "accepted");
    pxb_json_key(j, "signers");
    pxb_json_begin_array(j);
    for (size_t i = 0; i < sigs->count; i++) {
        pxb_json_begin_object(j);
        pxb_json_field_string(j, "issuer", sigs->sig[i].issuer);
        pxb_json_field_string(j, "signer", sigs->sig[i].signer);
        pxb_json_field_bool(j, "matches", sigs->sig[i].image_matches &&
                                              sigs->sig[i].content_matches);
        pxb_json_end_object(j);
    }
    pxb_json_end_array(j);
    pxb_json_field_string(j, "text", text);
    pxb_json_field_string(j, "error", sigs->why[0] ? sigs->why : NULL);
    pxb_json_end_object(j);
}

void cli_print_signature(const char *lead, const pxb_signatures *sigs)
{
    char text[1024];
    pxb_sig_describe(sigs, text, sizeof text);
    cli_printf(CLI_STDOUT, "%s%s\n", lead, text);
}
