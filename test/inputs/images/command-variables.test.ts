import { variablesReadByCommand } from '../../../src/inputs/images/command-variables';

describe('variablesReadByCommand', () => {
  it('compose: only `$$NAME` and `$${NAME}` reach the container; `$NAME` and `${NAME}` are compose\'s own', () => {
    expect([...variablesReadByCommand('sh -c "echo $$KONG_A $${KONG_B} $KONG_C ${KONG_D} $$$$ $$1"', 'compose')]).toEqual(['KONG_A', 'KONG_B']);
  });

  it('kubernetes: `$(NAME)`, `$NAME` and `${NAME}` are read; `$$(NAME)` is a literal', () => {
    expect([...variablesReadByCommand('render $(KONG_A) $KONG_B ${KONG_C} $$(KONG_D)', 'kubernetes')].sort()).toEqual(['KONG_A', 'KONG_B', 'KONG_C']);
  });

  it('no command, or one that reads nothing', () => {
    expect(variablesReadByCommand(undefined, 'compose').size).toBe(0);
    expect(variablesReadByCommand('kong docker-start', 'kubernetes').size).toBe(0);
  });
});
