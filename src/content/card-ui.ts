import cardCss from '../ui/card.css?inline';
import { t } from '../ui/i18n.ts';
import frameCss from './card-frame.css?inline';
import type { CardUiFactory } from './card-ui-types.ts';
import { CardView } from './card-view.ts';
import { copyText } from './clipboard.ts';
import { publishStage } from './stage-types.ts';

// The card UI stage of the content script (see stage-types.ts): injected at most once per frame, it only leaves its
// factory on the isolated world's global object; the lens creates the card from it.
const factory: CardUiFactory = ({ doc, host, ...deps }) => {
  host.useStyles(`${cardCss}\n${frameCss}`);
  return new CardView(doc, host, { ...deps, t, copy: (text) => copyText(text, host.shadow) });
};
publishStage('card-ui', factory);
