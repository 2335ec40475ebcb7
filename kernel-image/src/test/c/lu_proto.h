/*
 * A live update from guest code (spec 5): lu_rs (module 0) updates lu_svc (module 1) in place.
 * The new instance is a fork of the old one (an identity update); it takes over the endpoint by
 * SYS_UPDATE, reads the old image's state through grant 0 and re-registers its asynsend table,
 * which lu_client (module 2) was waiting on.
 */
#ifndef LU_PROTO_H
#define LU_PROTO_H

#include "check.h"

#define LU_RS 0
#define LU_SVC 1
#define LU_CLIENT 2

#define LU_READY 0x9001         /* svc -> rs (SENDREC): prepared, update me */
#define LU_NEW 0x9002           /* rs -> svc: the answer, to the new instance; m1_i1 = old image's endpoint */
#define LU_GO 0x9003            /* rs -> client: the swap is done; m1_i1 = old image's endpoint */
#define LU_SVC_DONE 0x9004      /* new svc -> rs; m1_i1 = its state after the transfer */
#define LU_CLIENT_DONE 0x9005
#define LU_QUIT 0x9006
#define LU_DATA 0x9007          /* svc -> client by asynsend; m1_i1 = 39 */

#endif
