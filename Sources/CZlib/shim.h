// zlib from Debian's zlib1g-dev: compresses the configurations a fleet sweep keeps.
#include <zlib.h>
