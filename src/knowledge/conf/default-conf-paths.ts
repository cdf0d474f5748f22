// The kong.conf Kong reads when no -c names one: the first of these that exists
// (Kong/kong kong/conf_loader/constants.lua@3.9.1 lines 81-84 DEFAULT_PATHS, tried in order by
// kong/conf_loader/init.lua@3.9.1 `load`, lines 236-246).

export const KONG_DEFAULT_CONF_PATHS = ['/etc/kong/kong.conf', '/etc/kong.conf'] as const;
