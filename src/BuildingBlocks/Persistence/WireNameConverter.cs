using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using SecureShare.BuildingBlocks.Web;

namespace SecureShare.BuildingBlocks.Persistence;

/// <summary>Stores an enum as its wire name (<see cref="WireName"/>), so a column keeps the values it had as a string.</summary>
public sealed class WireNameConverter<TEnum>() : ValueConverter<TEnum, string>(v => WireName.Of(v), s => WireName.Parse<TEnum>(s)!.Value)
    where TEnum : struct, Enum;
