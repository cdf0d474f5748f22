// The variables a container's own command reads from its environment. Compose files and manifests
// often set a variable only for the start command (a `sh -c` that renders a kong.yml template with
// sed before `kong docker-start`): such a KONG_* name is the command's, not a kong.conf setting
// that Kong ignores.
//
// What reaches the container's shell differs by platform. docker compose interpolates `$NAME` and
// `${NAME}` in the file itself, from the project's environment, and passes `$$` on as one `$`
// (compose-spec@170098ba spec.md, "Interpolation": `$$` escapes), so only `$$NAME` and `$${NAME}`
// are read inside the container. Kubernetes expands `$(NAME)` in command and args from the
// container's environment and leaves `$NAME` to the shell the command starts (Kubernetes API,
// Container.command: "Variable references $(VAR_NAME) are expanded using the container's
// environment"; `$$(NAME)` stays literal). Amazon ECS expands nothing: every `$NAME` and
// `${NAME}` of its command reaches the shell the command starts.

export function variablesReadByCommand(command: string | undefined, platform: 'compose' | 'kubernetes' | 'ecs'): Set<string> {
  const names = new Set<string>();
  if (!command) return names;
  const pattern = platform === 'compose'
    ? /\$\$(?:\{([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))/g
    : platform === 'ecs'
      ? /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))/g
      : /(?<!\$)\$(?:\(([A-Za-z_][A-Za-z0-9_]*)\)|\{([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))/g;
  for (const match of command.matchAll(pattern)) {
    const name = match[1] ?? match[2] ?? match[3];
    if (name) names.add(name);
  }
  return names;
}
