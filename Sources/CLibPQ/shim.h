// libpq from Debian's libpq-dev: the PostgreSQL store of fleet sweeps.
#include <postgresql/libpq-fe.h>
