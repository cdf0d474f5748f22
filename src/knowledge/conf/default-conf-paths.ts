// The kong.conf Kong reads when no -c names one: the first of these that exists
// (Kong/kong kong/conf_loader/constants.lua@3.9.1 lines 81-84 DEFAULT_PATHS, tried in order by
// kong/conf_loader/init.lua@3.9.1 `load`, lines 236-246; the same list in init.lua@3.4.2 lines
// 139-142 and @2.8.4 lines 93-96). Kong's images ship neither file.

export const KONG_DEFAULT_CONF_PATHS = ['/etc/kong/kong.conf', '/etc/kong.conf'] as const;
