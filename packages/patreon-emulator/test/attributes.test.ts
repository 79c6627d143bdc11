// The names fields[type] accepts must be exactly the attributes the stand-in writes: a name it
// accepted but never wrote would come back undefined, one it wrote but refused could never be asked for.
import { describe, expect, it } from 'vitest';
import { ATTRIBUTE_NAMES, campaignAttributes, memberAttributes, tierAttributes, userAttributes } from '../src/attributes.ts';
import { createModel } from '../src/model.ts';

describe('attribute names', () => {
  it('match the keys of every resource the stand-in writes', () => {
    const model = createModel(() => Date.parse('2024-02-01T00:00:00Z'));
    const campaign = model.addCampaign({});
    const tier = model.addTier({ title: 'Supporter', amountCents: 300 }, campaign.id);
    const user = model.addUser({ fullName: 'Aiko Tanaka' });
    const member = model.addMember({ userId: user.id, tierIds: [tier.id] }, campaign.id);
    const keys = (attributes: object) => Object.keys(attributes).sort();
    expect(keys(memberAttributes(member))).toEqual([...ATTRIBUTE_NAMES.member].sort());
    expect(keys(userAttributes(user, model))).toEqual([...ATTRIBUTE_NAMES.user].sort());
    expect(keys(tierAttributes(tier, model))).toEqual([...ATTRIBUTE_NAMES.tier].sort());
    expect(keys(campaignAttributes(campaign, model))).toEqual([...ATTRIBUTE_NAMES.campaign].sort());
  });
});
