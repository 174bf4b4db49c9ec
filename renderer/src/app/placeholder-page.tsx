import { Stack, Text, Title } from '@mantine/core';
import { FormattedMessage } from 'react-intl';
import type { MessageKey } from '../i18n/messages.js';

/** A screen whose capability is not built yet says so plainly. */
export function PlaceholderPage({ title, body }: { title: MessageKey; body: MessageKey }) {
  return (
    <Stack gap="sm">
      <Title order={1} size="h2">
        <FormattedMessage id={title} />
      </Title>
      <Text>
        <FormattedMessage id={body} />
      </Text>
    </Stack>
  );
}
