/* optdata.h: option data (DHCP_OPTION_DATA) between the API's form and the model's, both
 * ways, with the checks MS-DHCPM makes on a value against its option definition. */
#ifndef PXB_DOUBLE_OPTDATA_H
#define PXB_DOUBLE_OPTDATA_H

#include "dhcpsapi_decl.h"
#include "model.h"
#include "rpcmem.h"

/* Copies a caller's data into the model. ERROR_INVALID_PARAMETER for no elements, an
 * unknown element type or a NULL string. */
DWORD optdata_in(const DHCP_OPTION_DATA *in, dbl_data *out);
/* Fills out with the data; every nested block allocated in batch. */
void optdata_out(rpc_batch *batch, const dbl_data *in, DHCP_OPTION_DATA *out);
/* ERROR_DHCP_OPTION_TYPE_MISMATCH unless data fits the definition (element type, one
 * element for a unary option). */
DWORD optdata_check(const dbl_optdef *def, const dbl_data *data);

#endif
