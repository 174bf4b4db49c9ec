import { Box, Group, Text } from '@mantine/core';
import { useIntl } from 'react-intl';
import { useCurrentEnvironment } from '../state/use-current-environment.js';

/** A full-width strip that cannot be missed: amber for test, red for live. */
export function EnvironmentBanner() {
  const intl = useIntl();
  const { environment, accountName } = useCurrentEnvironment();
  const live = environment === 'live';
  return (
    <Box
      role="note"
      aria-label={intl.formatMessage({ id: 'banner.label' })}
      data-testid="environment-banner"
      data-environment={environment}
      bg={live ? 'red.9' : 'yellow.4'}
      c={live ? 'white' : 'dark.9'}
      px="md"
      h={28}
    >
      <Group h="100%" gap="sm" wrap="nowrap">
        <Text fw={800} size="sm" tt="uppercase">
          {intl.formatMessage({ id: `banner.${environment}` })}
        </Text>
        {accountName && (
          <Text size="sm" fw={500} truncate>
            {intl.formatMessage({ id: 'banner.account' }, { account: accountName })}
          </Text>
        )}
      </Group>
    </Box>
  );
}
